namespace ShapeGen;

/// <summary>One AWS service to generate stand-ins for, and the operations the workflows and tests call.</summary>
internal sealed record ServiceSpec(string ModelFile, string ClientName, string Namespace, string ProjectFolder, string[] Operations)
{
    public static readonly ServiceSpec[] All =
    {
        new(
            "sagemaker-2017-07-24.service-2.json",
            "SageMaker",
            "Amazon.SageMaker",
            "SageMaker",
            new[]
            {
                "CreateTrainingJob", "DescribeTrainingJob", "ListTrainingJobs", "StopTrainingJob",
                "CreateProcessingJob", "DescribeProcessingJob", "StopProcessingJob",
                "CreateModel", "DeleteModel", "CreateEndpointConfig", "DeleteEndpointConfig",
                "CreateEndpoint", "DescribeEndpoint", "DeleteEndpoint",
            }),
        new(
            "neptunedata-2023-08-01.service-2.json",
            "Neptunedata",
            "Amazon.Neptunedata",
            "Neptunedata",
            new[] { "StartMLDataProcessingJob", "GetMLDataProcessingJob", "StartMLModelTrainingJob", "GetMLModelTrainingJob" }),
    };
}
