using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Bind;
using ArazzoGen.Helpers;
using ArazzoGen.Emit;
using ArazzoGen.Parse;
using ArazzoGen.Validate;
using Microsoft.CodeAnalysis;

namespace ArazzoGen;

/// <summary>
/// Compiles Arazzo workflow documents (AdditionalFiles) into typed C#. Only wiring lives here;
/// each stage (Parse, Validate, Bind, Emit) is a plain function usable outside Roslyn's driver.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ArazzoGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Where(static file => WorkflowFileParser.IsCandidatePath(file.Path))
            .Select(static (file, cancellationToken) => WorkflowFileParser.Parse(file.Path, file.GetText(cancellationToken)?.ToString(), cancellationToken))
            .WithTrackingName(TrackingNames.Parse)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!);

        var validated = parsed
            .Select(static (file, _) => ValidatedFile.From(file))
            .WithTrackingName(TrackingNames.Validate);

        context.RegisterSourceOutput(validated, static (output, file) =>
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        // OpenAPI documents among the AdditionalFiles: a source description naming one resolves its operationIds through it.
        var descriptions = context.AdditionalTextsProvider
            .Where(static file => WorkflowFileParser.IsCandidatePath(file.Path))
            .Select(static (file, cancellationToken) => OpenApiParser.Parse(file.Path, file.GetText(cancellationToken)?.ToString(), cancellationToken))
            .WithTrackingName(TrackingNames.ParseOpenApi)
            .Where(static description => description is not null)
            .Select(static (description, _) => description!)
            .Collect()
            .Select(static (all, _) => new Collected<Model.OpenApiDescription>(all.ToEquatableArray()));

        var settings = context.AnalyzerConfigOptionsProvider.Select(static (options, _) => GeneratorSettings.From(options.GlobalOptions));

        // A file is bound with the documents its 'type: arazzo' sources name. Only such files are paired
        // with the whole set of files (which changes with any YAML edit); the others skip that step.
        var standalone = validated
            .Where(static file => !ReferencedDocuments.HasArazzoSources(file))
            .Select(static (file, _) => new FileToBind(file, EquatableArray<ValidatedFile>.Empty))
            .Combine(descriptions)
            .Select(static (input, _) => input.Left.WithDescriptions(input.Right.All.AsImmutableArray()));
        var referencing = validated
            .Where(static file => ReferencedDocuments.HasArazzoSources(file))
            .Combine(validated.Collect().Select(static (all, _) => new Collected<ValidatedFile>(all.ToEquatableArray())))
            .Select(static (input, _) => ReferencedDocuments.For(input.Left, input.Right.All.AsImmutableArray()))
            .Combine(descriptions)
            .Select(static (input, _) => input.Left.WithDescriptions(input.Right.All.AsImmutableArray()));

        // Bind reads symbols, but re-runs only when what it reads changes (the SDK assemblies, the
        // binding attributes), not on every edit of the project's C#.
        var sdk = context.CompilationProvider
            .Select(static (compilation, _) => SdkFingerprint.Of(compilation))
            .WithTrackingName(TrackingNames.SdkFingerprint);

        var bindContext = sdk.Combine(settings).Select(static (input, _) => new BindContext(input.Left, input.Right));
        BindAndEmit(context, standalone, bindContext, out var standaloneClasses, out var standaloneRegistrations);
        BindAndEmit(context, referencing, bindContext, out var referencingClasses, out var referencingRegistrations);

        // With ArazzoGen.Hosting referenced, one AddArazzoWorkflows() for the project's workflows;
        // looked up (in every referenced assembly) only when there is a workflow to register.
        var toRegister = standaloneRegistrations.Combine(referencingRegistrations)
            .Select(static (both, _) => both.Left.With(both.Right))
            .Combine(context.CompilationProvider)
            .Select(static (input, _) => input.Left.Workflows.Count > 0 && input.Right.GetTypeByMetadataName("ArazzoGen.Hosting.ArazzoServices") is not null ? input.Left : WorkflowsToRegister.None)
            .WithTrackingName(TrackingNames.WorkflowsToRegister)
            .Combine(settings)
            .Select(static (input, _) => new ServiceRegistration(input.Right.Namespace, input.Left.Workflows));
        context.RegisterSourceOutput(toRegister, static (output, registration) =>
        {
            if (registration.Workflows.Count > 0)
            {
                output.AddSource(ServiceRegistrationWriter.HintName, ServiceRegistrationWriter.Write(registration.Namespace, registration.Workflows));
            }
        });

        // Two files whose workflows map to one class in one namespace cannot both compile; say so at the YAML.
        var claims = standaloneClasses.Combine(referencingClasses).Select(static (both, _) => both.Left.With(both.Right));
        context.RegisterSourceOutput(claims, static (output, all) =>
        {
            foreach (var diagnostic in ClassClaim.Collisions(all.All))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }

    /// <param name="claims">The classes the files claim, for the check that no two files generate the same one.</param>
    /// <param name="registrations">What registering their workflows needs.</param>
    /// <remarks>Two out parameters, not a tuple of two providers, which would be one more struct instantiation to JIT-compile.</remarks>
    private static void BindAndEmit(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<FileToBind> files,
        IncrementalValueProvider<BindContext> bindContext,
        out IncrementalValueProvider<Collected<ClassClaim>> claims,
        out IncrementalValueProvider<WorkflowsToRegister> registrations)
    {
        var bound = files
            .Combine(bindContext)
            .Select(static (input, cancellationToken) => FileBinder.Bind(input.Left, input.Right.Sdk.Compilation, input.Right.Settings, cancellationToken))
            .WithTrackingName(TrackingNames.Bind);

        var emitted = bound
            .Select(static (file, _) => EmitStage.Emit(file))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(emitted, static (output, file) =>
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            foreach (var source in file.Sources)
            {
                output.AddSource(source.HintName, source.Text);
            }
        });

        // One node value per claim and per workflow, not an array per file, and each collection wrapped in a
        // class before it is combined: Roslyn's node tables over a reference type are code the compiler
        // already has, while each struct instantiation (EquatableArray, a tuple of two ImmutableArrays)
        // is JIT-compiled on the first run of every fresh compiler process.
        claims = bound
            .SelectMany(static (file, _) => file.Workflows.Select(w => new ClassClaim(w.Namespace + "." + w.ClassName, w.WorkflowId, w.Location)))
            .Collect()
            .Select(static (all, _) => new Collected<ClassClaim>(all.ToEquatableArray()));
        registrations = bound
            .SelectMany(static (file, _) => RegisteredWorkflow.Of(file).AsImmutableArray())
            .Collect()
            .Select(static (all, _) => WorkflowsToRegister.Of(all));
    }
}
