namespace ShapeGen;

/// <summary>
/// One AWS service to generate stand-ins for: every operation of its model, so any public workflow
/// for it compiles here as it would against the real package.
/// </summary>
internal sealed record ServiceSpec(string ModelFile, string ClientName, string Namespace, string ProjectFolder)
{
    public static readonly ServiceSpec[] All =
    {
        new(
            "sagemaker-2017-07-24.service-2.json",
            "SageMaker",
            "Amazon.SageMaker",
            "SageMaker"),
        new(
            "neptunedata-2023-08-01.service-2.json",
            "Neptunedata",
            "Amazon.Neptunedata",
            "Neptunedata"),
    };
}
