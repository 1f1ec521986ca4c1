using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>requestBody.replacements (workflows/payload-replacements.arazzo.yaml) reach the request the SDK is given.</summary>
public class PayloadReplacementTests
{
    [Fact]
    public async Task Replacements_set_replace_and_append_values_in_the_request()
    {
        var sageMaker = Substitute.For<IAmazonSageMaker>();
        sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new CreateTrainingJobResponse { TrainingJobArn = "arn:training-job/churn-retrain" }));

        var outputs = await new RetrainWithOverridesWorkflow(new RetrainWithOverridesWorkflow.Clients(sageMaker))
            .RunAsync(new RetrainWithOverridesWorkflow.Inputs { JobName = "churn", InstanceCount = 4, Team = "ml" });

        Assert.Equal("arn:training-job/churn-retrain", outputs.TrainingJobArn);
        var request = (CreateTrainingJobRequest)sageMaker.ReceivedCalls().Single().GetArguments()[0]!;
        Assert.Equal("churn-retrain", request.TrainingJobName); // replaced
        Assert.Equal(4, request.ResourceConfig.InstanceCount); // replaced deep inside
        Assert.Equal(TrainingInstanceType.MlM5Xlarge, request.ResourceConfig.InstanceType); // untouched beside it
        Assert.Equal(new[] { ("owner", "platform"), ("team", "ml") }, request.Tags.Select(t => (t.Key, t.Value))); // appended
        Assert.Equal("churn", request.Environment["RETRAINED_FROM"]); // a map created on the way
    }
}
