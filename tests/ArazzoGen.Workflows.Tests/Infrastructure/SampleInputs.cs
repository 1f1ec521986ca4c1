using Amazon.SageMaker.Model;
using ArazzoGen.Workflows.Tests.Workflows;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>Inputs the SageMaker tests run train-then-deploy and the pipeline with.</summary>
internal static class SampleInputs
{
    public static TrainThenDeployWorkflow.Inputs TrainThenDeploy(List<Channel>? channels = null, string trainingJobName = "churn") => new()
    {
        TrainingJobName = trainingJobName,
        TrainingImage = "xgboost:1",
        RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
        InputDataConfig = channels,
        S3OutputPath = "s3://models/",
        InstanceType = "ml.m5.xlarge",
        InstanceCount = 1,
        VolumeSizeInGB = 30,
        MaxRuntimeInSeconds = 86400,
        ModelName = "churn",
        InferenceImage = "xgboost-inference:1",
        EndpointConfigName = "churn",
        VariantName = "AllTraffic",
        InitialInstanceCount = 1,
        HostingInstanceType = "ml.m5.large",
        EndpointName = "churn",
    };

    public static PreprocessTrainDeployWorkflow.Inputs Pipeline() => new()
    {
        JobName = "churn",
        RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
        RawDataS3Uri = "s3://data/raw",
        PreprocessedDataS3Uri = "s3://data/preprocessed",
        PreprocessingImage = "sklearn:0.20",
        TrainingImage = "xgboost:1",
        ModelOutputS3Uri = "s3://models",
        InferenceImage = "xgboost-inference:1",
    };
}
