using ArazzoGen.Emit;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Emit;

/// <summary>
/// AddArazzoWorkflows() is generated only for a project that references ArazzoGen.Hosting, compiles,
/// and registers each workflow with exactly the clients its Clients constructor takes.
/// </summary>
public class ServiceRegistrationTests
{
    internal static readonly MetadataReference[] Hosting = new[]
        {
            typeof(ArazzoGen.Hosting.ArazzoServices).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions).Assembly,
            typeof(Microsoft.Extensions.Options.IOptions<>).Assembly,
        }
        .Distinct()
        .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))
        .ToArray();

    [Fact]
    public void With_ArazzoGen_Hosting_referenced_one_registration_class_is_generated_for_every_workflow_and_compiles()
    {
        var (run, output) = SdkCompilation.Generate(SdkCompilation.Seeds(), Hosting, true, SdkCompilation.NeptuneBindings);

        var registration = Assert.Single(run.Results[0].GeneratedSources, s => s.HintName == "ArazzoServiceCollectionExtensions.g.cs").SourceText.ToString();
        Assert.Contains("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddArazzoWorkflows(", registration);
        Assert.Contains("AddTrainThenDeployWorkflow(services);", registration);
        Assert.Contains("AddWorkflowSettings(services, global::ArazzoWorkflows.TrainThenDeployWorkflow.WorkflowId, new[] { \"pollTrainingJob\", \"pollEndpoint\" });", registration);
        Assert.Contains("GetRequiredService<global::Amazon.SageMaker.IAmazonSageMaker>(provider)", registration);
        Assert.Contains("GetRequiredService<global::Amazon.Neptunedata.IAmazonNeptunedata>(provider)", registration);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void A_project_with_no_workflow_does_not_search_its_references_for_ArazzoGen_Hosting()
    {
        // The package also reaches projects without workflows (those that reference one that has them):
        // looking for a type searches every referenced assembly, which there is no reason to do.
        var compilation = SdkCompilation.Create(true, Hosting, "class A { }");
        var idle = GeneratorRunner.CreateDriver(Array.Empty<AdditionalText>(), trackSteps: true, SdkCompilation.ParseOptions)
            .RunGenerators(compilation).GetRunResult().Results[0];

        Assert.Empty(((WorkflowsToRegister)Assert.Single(idle.TrackedSteps[TrackingNames.WorkflowsToRegister].SelectMany(s => s.Outputs)).Value).Workflows);
        Assert.Empty(idle.GeneratedSources);

        // The same project with a workflow finds it, and registers the workflow.
        var seed = SdkCompilation.Seeds().Single(s => s.Path.EndsWith("train-then-deploy-workflow.yml", StringComparison.Ordinal));
        var withWorkflow = GeneratorRunner.CreateDriver(new[] { new InMemoryAdditionalText(seed.Path, seed.Text) }, trackSteps: true, SdkCompilation.ParseOptions)
            .RunGenerators(compilation).GetRunResult().Results[0];

        Assert.Single(((WorkflowsToRegister)Assert.Single(withWorkflow.TrackedSteps[TrackingNames.WorkflowsToRegister].SelectMany(s => s.Outputs)).Value).Workflows);
        Assert.Contains(withWorkflow.GeneratedSources, s => s.HintName == "ArazzoServiceCollectionExtensions.g.cs");
    }

    [Fact]
    public void Without_ArazzoGen_Hosting_nothing_is_registered()
    {
        var (run, _) = SdkCompilation.Generate(SdkCompilation.Seeds(), true, SdkCompilation.NeptuneBindings);

        Assert.DoesNotContain(run.Results[0].GeneratedSources, s => s.HintName == "ArazzoServiceCollectionExtensions.g.cs");
    }
}
