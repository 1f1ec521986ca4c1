using System.Text.Json;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Runtime.Durable;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Object inputs read member by member (workflows/object-inputs.arazzo.yaml): <c>$inputs.model.container.image</c>
/// reads a class of the caller's own making, checked before any call and kept in a durable run's checkpoints.
/// </summary>
public class ObjectInputTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly List<CreateModelRequest> _sent = new();
    private readonly TestClock _clock = new();

    public ObjectInputTests()
    {
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                _sent.Add(call.Arg<CreateModelRequest>());
                return Aws.Ok(new CreateModelResponse { ModelArn = "arn:aws:sagemaker:eu-west-1:123456789012:model/m" });
            });
    }

    private RegisterModelFromSpecWorkflow Workflow(IWorkflowRunStore? store = null) =>
        new(new RegisterModelFromSpecWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock, Store = store });

    private static RegisterModelFromSpecWorkflow.Inputs Inputs(string image = "registry/inference:1", RegisterModelFromSpecWorkflow.Inputs.CredentialsInput? credentials = null) => new()
    {
        Model = new()
        {
            Name = "m",
            Container = new() { Image = image, Artifacts = "s3://bucket/model.tar.gz" },
        },
        Credentials = credentials,
    };

    [Fact]
    public async Task Each_member_fills_the_request_member_that_reads_it_and_a_member_left_out_takes_its_default()
    {
        var outputs = await Workflow().RunAsync(Inputs(credentials: new() { ApiKey = "key-1" }));

        var sent = Assert.Single(_sent);
        Assert.Equal("m", sent.ModelName);
        Assert.Equal("arn:aws:iam::123456789012:role/SageMaker", sent.ExecutionRoleArn); // model.roleArn's default
        Assert.Equal("registry/inference:1", sent.PrimaryContainer.Image);
        Assert.Equal("s3://bucket/model.tar.gz", sent.PrimaryContainer.ModelDataUrl);
        Assert.Equal("key-1", sent.PrimaryContainer.Environment["API_KEY"]);
        Assert.Equal("registry/inference:1", outputs.Image);
        Assert.Equal("arn:aws:sagemaker:eu-west-1:123456789012:model/m", outputs.ModelArn);
    }

    [Fact]
    public async Task An_optional_object_left_out_reads_as_null_through_its_members()
    {
        await Workflow().RunAsync(Inputs());

        Assert.Null(Assert.Single(_sent).PrimaryContainer.Environment["API_KEY"]);
    }

    [Fact]
    public async Task A_required_member_left_out_is_one_ArgumentException_naming_its_path_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Workflow().RunAsync(Inputs(image: "")));

        Assert.Equal("Workflow 'register-model-from-spec' cannot start: 'model.container.image' is required. (Parameter 'inputs')", error.Message);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task A_durable_run_keeps_the_objects_in_its_checkpoint_and_a_secret_member_only_through_the_protector()
    {
        var store = new InMemoryRunStore();
        var first = await Workflow(store).RunAsync(Inputs(), "run-1");
        var checkpoint = JsonDocument.Parse(Assert.Single(store.Runs).Checkpoint).RootElement.GetProperty("inputs");

        // Resumed from the checkpoint alone: the inputs read back pass Validate, and the finished run makes no call.
        var resumed = await Workflow(store).ResumeAsync("run-1");

        Assert.Equal("registry/inference:1", checkpoint.GetProperty("model").GetProperty("container").GetProperty("image").GetString());
        Assert.Equal(JsonValueKind.Null, checkpoint.GetProperty("credentials").ValueKind);
        Assert.Equal((first.ModelArn, first.Image), (resumed.ModelArn, resumed.Image));
        Assert.Single(_sent);

        var withSecret = new InMemoryRunStore();
        await Workflow(withSecret).RunAsync(Inputs(credentials: new() { ApiKey = "key-0f1e2d3c" }), "run-2");

        Assert.DoesNotContain("key-0f1e2d3c", System.Text.Encoding.UTF8.GetString(Assert.Single(withSecret.Runs).Checkpoint.Span));
        await Assert.ThrowsAsync<WorkflowSecretWithheldException>(() => Workflow(withSecret).ResumeAsync("run-2"));
    }

    [Fact]
    public async Task A_step_passes_an_object_on_member_by_member_or_writes_it_out_and_the_called_workflow_checks_it_as_its_own()
    {
        var outputs = await new RegisterTwoModelsWorkflow(new RegisterTwoModelsWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock })
            .RunAsync(new()
            {
                Model = new() { Name = "m", Container = new() { Image = "registry/inference:1", Artifacts = "s3://bucket/model.tar.gz" }, Tags = "t" },
                CopyName = "m-copy",
                Credentials = new() { ApiKey = "key-1" },
            });
        var withoutCredentials = await new RegisterTwoModelsWorkflow(new RegisterTwoModelsWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock })
            .RunAsync(new() { Model = new() { Name = "n", Container = new() { Image = "registry/inference:2" } }, CopyName = "n-copy" });

        Assert.Equal(new[] { "m", "m-copy", "n", "n-copy" }, _sent.Select(r => r.ModelName));
        Assert.Equal(new[] { "registry/inference:1", "registry/inference:1", "registry/inference:2", "registry/inference:2" }, _sent.Select(r => r.PrimaryContainer.Image));
        Assert.Equal(new[] { "s3://bucket/model.tar.gz", null, null, null }, _sent.Select(r => r.PrimaryContainer.ModelDataUrl));
        Assert.Equal(new[] { "key-1", null, null, null }, _sent.Select(r => r.PrimaryContainer.Environment["API_KEY"]));
        Assert.All(_sent, r => Assert.Equal("arn:aws:iam::123456789012:role/SageMaker", r.ExecutionRoleArn)); // the called workflow's default
        Assert.Equal(("t", "key-1"), (outputs.Tags, outputs.ApiKey));
        Assert.Null(withoutCredentials.ApiKey);
    }
}
