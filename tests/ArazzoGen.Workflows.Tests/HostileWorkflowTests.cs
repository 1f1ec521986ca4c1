using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// workflows/hostile-names and secret-input: names and strings built to break generated code
/// (quotes, */, """, backslashes, newlines before #error, XML markup, {0}, keywords, names that
/// collide after PascalCase, leading digits) compile in this project and behave as written; secret
/// inputs reach the request and nothing else.
/// </summary>
public class HostileWorkflowTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();

    [Fact]
    public async Task Hostile_strings_reach_the_sdk_exactly_as_written_and_colliding_names_stay_distinct()
    {
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse { ModelArn = "arn:model" }));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DescribeTrainingJobResponse()));
        var workflow = new _2ndQuotedWorkflow(new _2ndQuotedWorkflow.Clients(_sageMaker));

        var outputs = await workflow.RunAsync(new _2ndQuotedWorkflow.Inputs { TableName = "first", TableName2 = "second", Event = "keyword" });

        Assert.Equal("2nd-\"quoted\"-workflow", _2ndQuotedWorkflow.WorkflowId);
        await _sageMaker.Received(1).CreateModelAsync(
            Arg.Is<CreateModelRequest>(r =>
                r.ModelName == "first"
                && r.ExecutionRoleArn == "second"
                && r.PrimaryContainer.Image == "image with \"quotes\", a backslash \\, */ and \"\"\" and {0}"
                && r.PrimaryContainer.Environment["KEY \"1\""] == "value\nwith newline\n#error not code"
                && r.PrimaryContainer.Environment["{0}"] == "keyword"
                && r.PrimaryContainer.Environment["default"] == "default \"quoted\" \\ value"),
            Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).DescribeTrainingJobAsync(Arg.Is<DescribeTrainingJobRequest>(r => r.TrainingJobName == "first-\"job\""), Arg.Any<CancellationToken>());
        // `status` and `Status` are different outputs with different C# names.
        Assert.Equal(("arn:model", 200), (outputs.Status, outputs.Status2));
        Assert.Null(outputs.OutPutName);
        Assert.Equal(("Class", "end \"here\" */\n#error"), (outputs.EndStepId, outputs.EndActionName));
    }

    [Fact]
    public async Task A_hostile_regex_criterion_is_compiled_as_written()
    {
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse { ModelArn = "arn:model" }));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DescribeTrainingJobResponse { FailureReason = "\"y\"" }), Ok(new DescribeTrainingJobResponse { FailureReason = "no match" }));
        var workflow = new _2ndQuotedWorkflow(new _2ndQuotedWorkflow.Clients(_sageMaker));
        var inputs = new _2ndQuotedWorkflow.Inputs { TableName = "a", TableName2 = "b", Event = "c" };

        var matched = await workflow.RunAsync(inputs);
        var failed = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(inputs));

        Assert.Equal("\"y\"", matched.OutPutName);
        Assert.Contains("success criteria were not met", failed.Message);
    }

    [Fact]
    public async Task Secret_inputs_reach_the_request_but_never_logs_spans_or_exception_messages()
    {
        const string key = "sk-live-7f3a9c0d";
        const string signing = "hmac-5be1";
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult(new CreateModelResponse { HttpStatusCode = System.Net.HttpStatusCode.Accepted, ModelArn = "arn:model" }), Fail<CreateModelResponse>(Error<AmazonSageMakerException>("ValidationException")));
        using var logs = new RecordingLogs();
        var tags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Telemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => tags.Enqueue(a.DisplayName + " " + a.StatusDescription + " " + string.Join(",", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
        };
        ActivitySource.AddActivityListener(listener);
        var workflow = new RegisterWithSecretWorkflow(new RegisterWithSecretWorkflow.Clients(_sageMaker), new WorkflowOptions { LoggerFactory = logs.Factory });
        var inputs = new RegisterWithSecretWorkflow.Inputs { ModelName = "m", ApiKey = key, SigningSecret = signing };

        // First run: the call answers 202, so the success criteria fail; second: the call throws.
        var notMet = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(inputs));
        var thrown = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(inputs));

        await _sageMaker.Received(2).CreateModelAsync(Arg.Is<CreateModelRequest>(r => r.PrimaryContainer.Environment["API_KEY"] == key && r.PrimaryContainer.Environment["SIGNING"] == "sig:" + signing), Arg.Any<CancellationToken>());
        Assert.Contains("KeyUsed = ***", notMet.LastObservedValue);
        var everything = string.Join("\n", logs.Messages.Concat(tags).Concat(new[] { notMet.ToString(), thrown.ToString(), notMet.LastObservedValue ?? string.Empty, inputs.ToString()! }));
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(key, everything);
        Assert.DoesNotContain(signing, everything);
    }

    [Fact]
    public async Task A_secret_copied_through_step_outputs_is_masked_and_an_error_that_echoes_it_is_withheld()
    {
        const string key = "sk-live-chained-41";
        _sageMaker.CreateModelAsync(Arg.Is<CreateModelRequest>(r => r.ModelName == "m"), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult(new CreateModelResponse { HttpStatusCode = System.Net.HttpStatusCode.OK, ModelArn = "arn:model" }));
        // AWS validation errors quote the value they reject.
        // First run: the copy answers 202 (its criteria fail, what it observed is reported); second: it throws.
        _sageMaker.CreateModelAsync(Arg.Is<CreateModelRequest>(r => r.ModelName != "m"), Arg.Any<CancellationToken>())
            .Returns(
                Task.FromResult(new CreateModelResponse { HttpStatusCode = System.Net.HttpStatusCode.Accepted, ModelArn = "arn:copy" }),
                Fail<CreateModelResponse>(new AmazonSageMakerException($"1 validation error detected: Value 'copy-{key}' at 'modelName' failed to satisfy constraint", Amazon.Runtime.ErrorType.Sender, "ValidationException", "req-1", System.Net.HttpStatusCode.BadRequest)));
        using var logs = new RecordingLogs();
        var workflow = new RegisterWithSecretWorkflow(new RegisterWithSecretWorkflow.Clients(_sageMaker), new WorkflowOptions { LoggerFactory = logs.Factory });
        var inputs = new RegisterWithSecretWorkflow.Inputs { ModelName = "m", ApiKey = key, SigningSecret = "s" };

        var notMet = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(inputs));
        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(inputs));

        Assert.Equal(("registerCopy", "ValidationException"), (error.StepId, error.ErrorCode));
        await _sageMaker.Received(2).CreateModelAsync(Arg.Is<CreateModelRequest>(r => r.ModelName == "copy-" + key), Arg.Any<CancellationToken>());
        Assert.Contains("Echo = ***", notMet.LastObservedValue);
        Assert.Contains("Embedded = ***", notMet.LastObservedValue);
        Assert.Contains("CopyArn = arn:copy", notMet.LastObservedValue);
        Assert.Contains("message is withheld", error.Message);
        var everything = string.Join("\n", logs.Messages.Concat(new[] { notMet.ToString(), notMet.LastObservedValue ?? string.Empty, error.ToString(), error.LastObservedValue ?? string.Empty }));
        Assert.DoesNotContain(key, everything); // ToString: the inner exceptions too
        var inner = Assert.IsType<ServiceErrorWithheldException>(error.InnerException);
        Assert.Equal(("ValidationException", 400, "req-1", typeof(AmazonSageMakerException).FullName), (inner.ErrorCode, inner.StatusCode, inner.RequestId, inner.ExceptionType));
    }
}
