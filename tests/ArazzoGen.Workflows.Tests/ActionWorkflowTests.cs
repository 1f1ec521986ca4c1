using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Actions that run a step or a workflow (workflows/action-workflows.arazzo.yaml): a retry that
/// deletes the endpoint in the way first, a retry that runs free-capacity first, and a goto to
/// explain-endpoint-failure that ends host-endpoint with that workflow's outputs.
/// </summary>
public class ActionWorkflowTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private HostEndpointWorkflow Workflow() =>
        new(new HostEndpointWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock });

    private static HostEndpointWorkflow.Inputs Inputs() => new() { EndpointName = "churn", EndpointConfigName = "churn-config" };

    private void CreateEndpointAnswers(params Task<CreateEndpointResponse>[] answers) =>
        _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(answers[0], answers.Skip(1).ToArray());

    private static Task<CreateEndpointResponse> Created() => Ok(new CreateEndpointResponse { EndpointArn = "arn:endpoint/churn" });

    private void EndpointGoes(params string[] statuses)
    {
        var answers = statuses.Select(s => Ok(new DescribeEndpointResponse
        {
            EndpointStatus = EndpointStatus.FindValue(s),
            FailureReason = s == "Failed" ? "Image not found" : null,
        })).ToArray();
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(answers[0], answers.Skip(1).ToArray());
    }

    [Fact]
    public async Task A_retry_with_a_stepId_runs_that_step_then_retries_this_one()
    {
        CreateEndpointAnswers(Fail<CreateEndpointResponse>(Error<AmazonSageMakerException>("ValidationException")), Created());
        _sageMaker.DeleteEndpointAsync(Arg.Any<DeleteEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DeleteEndpointResponse()));
        EndpointGoes("Creating", "InService");

        var outputs = await Workflow().RunAsync(Inputs());

        Assert.Equal(("waitForEndpoint", "inService"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal("arn:endpoint/churn", outputs.EndpointArn);
        Assert.Equal(EndpointStatus.InService, outputs.Status);
        await _sageMaker.Received(1).DeleteEndpointAsync(Arg.Is<DeleteEndpointRequest>(r => r.EndpointName == "churn"), Arg.Any<CancellationToken>());
        await _sageMaker.Received(2).CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
        Received.InOrder(() =>
        {
            _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
            _sageMaker.DeleteEndpointAsync(Arg.Any<DeleteEndpointRequest>(), Arg.Any<CancellationToken>());
            _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
        });
        Assert.Equal(new[] { 2, 5 }, _clock.Delays.Select(d => (int)d.TotalSeconds)); // retryAfter 2, then the endpoint poll
    }

    [Fact]
    public async Task A_retry_with_a_workflowId_runs_that_workflow_then_retries_up_to_its_limit()
    {
        var limit = Fail<CreateEndpointResponse>(Error<ResourceLimitExceededException>("ResourceLimitExceeded"));
        CreateEndpointAnswers(limit, limit, limit);
        _sageMaker.DeleteEndpointConfigAsync(Arg.Any<DeleteEndpointConfigRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DeleteEndpointConfigResponse()));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Workflow().RunAsync(Inputs()));

        Assert.Equal(("createEndpoint", 3, "ResourceLimitExceeded"), (error.StepId, error.Attempt, error.ErrorCode));
        // free-capacity got host-endpoint's input of the same name, once per retry (retryLimit 2).
        await _sageMaker.Received(2).DeleteEndpointConfigAsync(Arg.Is<DeleteEndpointConfigRequest>(r => r.EndpointConfigName == "churn-config"), Arg.Any<CancellationToken>());
        await _sageMaker.Received(3).CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_goto_to_a_workflow_runs_it_and_ends_this_one_with_its_outputs_readable()
    {
        CreateEndpointAnswers(Created());
        EndpointGoes("Creating", "Failed", "Failed"); // the last answer is explain-endpoint-failure's describe

        var outputs = await Workflow().RunAsync(Inputs());

        Assert.Equal(("waitForEndpoint", "endpointFailed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(EndpointStatus.Failed, outputs.Status);
        Assert.Equal("Image not found", outputs.FailureReason); // $workflows.explain-endpoint-failure.outputs.failureReason
        await _sageMaker.Received(3).DescribeEndpointAsync(Arg.Is<DescribeEndpointRequest>(r => r.EndpointName == "churn"), Arg.Any<CancellationToken>());
        await _sageMaker.DidNotReceiveWithAnyArgs().DeleteEndpointAsync(default!, default);
    }

    [Fact]
    public async Task A_workflow_run_by_an_action_that_fails_fails_the_step_with_its_exception_inside()
    {
        CreateEndpointAnswers(Created());
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(
            Ok(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.Failed }),
            Fail<DescribeEndpointResponse>(Error<AmazonSageMakerException>("ThrottlingException")));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Workflow().RunAsync(Inputs()));

        Assert.Equal(("host-endpoint", "waitForEndpoint"), (error.WorkflowId, error.StepId));
        Assert.Contains("action 'endpointFailed' ran a workflow that failed", error.Message);
        var inner = Assert.IsType<WorkflowStepFailedException>(error.InnerException);
        Assert.Equal(("explain-endpoint-failure", "describe", "ThrottlingException"), (inner.WorkflowId, inner.StepId, inner.ErrorCode));
        Assert.Equal(EndpointStatus.Failed, Assert.IsType<HostEndpointWorkflow.Outputs>(error.PartialOutputs).Status);
    }
}
