using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Aws;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// Decides which AWS SDK client each source description calls and which method each operation
/// step invokes: <c>[assembly: ArazzoSource]</c> when given, otherwise the one client interface
/// that has every operation the source's steps use.
/// </summary>
internal sealed class SourceBinder
{
    private readonly ArazzoDocument _document;
    private readonly ClientCatalog _catalog;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, INamedTypeSymbol?> _clients = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _clientProperties = new(StringComparer.Ordinal);

    private readonly Dictionary<string, OpenApiDescription> _descriptions;

    public SourceBinder(ArazzoDocument document, ClientCatalog catalog, DiagnosticBag diagnostics, EquatableArray<NamedDescription> descriptions = default)
    {
        _descriptions = descriptions.ToDictionary(d => d.Source, d => d.Description, StringComparer.Ordinal);
        _document = document;
        _catalog = catalog;
        _diagnostics = diagnostics;

        // One name per source for the whole document (a workflow passes its clients to the workflows it
        // runs by these names): unique, and never the enclosing class or an object member such as ToString.
        var names = new UniqueNames("Clients");
        foreach (var source in document.SourceDescriptions.Select(s => s.Name.Value).Distinct(StringComparer.Ordinal))
        {
            _clientProperties[source] = names.Take(Identifiers.Pascal(source));
        }
    }

    /// <summary>The Clients property for <paramref name="source"/>, and its constructor parameter.</summary>
    public (string Property, string Parameter) ClientNames(string source)
    {
        var property = _clientProperties.TryGetValue(source, out var known) ? known : Identifiers.Pascal(source);
        return (property, Identifiers.Camel(property));
    }

    /// <summary>The step's source and operationId as written (without the $sourceDescriptions prefix).</summary>
    public (string Source, string OperationId)? SourceOf(Step step)
    {
        if (step.OperationPath is { } path)
        {
            if (path.Source is null)
            {
                return null;
            }

            if (path.Operation is not null)
            {
                return (path.Source, path.Operation);
            }

            return Client(path.Source) is { } client && RestOperation(path, client, report: true) is { } rest ? (path.Source, rest) : null;
        }

        var operationId = step.OperationId!;
        if (operationId.IsQualified)
        {
            return operationId.Source is null ? null : (operationId.Source, operationId.Name);
        }

        var sources = _document.SourceDescriptions.Where(s => s.EffectiveType == "openapi").Select(s => s.Name.Value).ToList();
        if (sources.Count == 1)
        {
            return (sources[0], operationId.Value);
        }

        if (sources.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoOpenApiSource, operationId.Span, step.StepId.Value, operationId.Value);
            return null;
        }

        var fits = sources.Where(s => Client(s) is { } client && Method(s, client, operationId.Value) is not null).ToList();
        if (fits.Count == 1)
        {
            return (fits[0], operationId.Value);
        }

        if (fits.Count > 1)
        {
            var forms = string.Join(" or ", fits.Select(s => $"'$sourceDescriptions.{s}.{operationId.Value}'"));
            _diagnostics.Add(DiagnosticDescriptors.UnqualifiedOperationAmbiguous, operationId.Span, operationId.Value, forms);
        }
        else
        {
            // Near names from the sources' clients, or from every client when no source has one yet.
            var clients = sources.Select(s => Client(s)).OfType<INamedTypeSymbol>().ToList();
            var known = (clients.Count > 0 ? clients : _catalog.Interfaces).SelectMany(c => _catalog.Operations(c).Select(ClientCatalog.OperationName)).Distinct();
            var nearest = NameSuggester.Suggest(operationId.Value, known);
            _diagnostics.Add(DiagnosticDescriptors.UnqualifiedOperationUnknown, operationId.Span, operationId.Value, nearest is null ? string.Empty : $" (did you mean '{nearest}'?)", string.Join(", ", sources));
        }

        return null;
    }

    public INamedTypeSymbol? Client(string source)
    {
        if (_clients.TryGetValue(source, out var known))
        {
            return known;
        }

        var client = Resolve(source);
        _clients[source] = client;
        return client;
    }

    /// <summary>The SDK method for an operation of <paramref name="source"/>, through <c>[assembly: ArazzoOperation]</c> when mapped.</summary>
    /// <remarks>
    /// Else by the operation's own name (the SDK's, or the API's), else, when the source's OpenAPI
    /// document is an AdditionalFile, by the HTTP binding it gives that operationId (Neptune's
    /// <c>createDataProcessingJob</c> is <c>POST /ml/dataprocessing</c>, which the AWS model binds to StartMLDataProcessingJob).
    /// </remarks>
    public IMethodSymbol? Method(string source, INamedTypeSymbol client, string operationId)
    {
        if (_catalog.TryGetOperationBinding(source, operationId, out var mapped))
        {
            return _catalog.FindOperation(client, mapped);
        }

        return _catalog.FindOperation(client, operationId)
            ?? (DescribedOperation(source, client, operationId) is { } described ? _catalog.FindOperation(client, described) : null);
    }

    /// <summary>The API's name of the operation the source's OpenAPI document gives <paramref name="operationId"/>.</summary>
    private string? DescribedOperation(string source, INamedTypeSymbol client, string operationId)
    {
        if (!_descriptions.TryGetValue(source, out var description) || _catalog.ApiOf(client) is not { } api)
        {
            return null;
        }

        var operation = description.Operations.FirstOrDefault(o => string.Equals(o.OperationId, operationId, StringComparison.Ordinal));
        return operation is null ? null : HttpBinding.Match(api, operation.Method, operation.Path)?.Name;
    }

    private INamedTypeSymbol? Resolve(string source)
    {
        var declaration = _document.SourceDescriptions.FirstOrDefault(s => s.Name.Value == source);
        var span = declaration?.Name.Span ?? SourceSpan.Empty;
        if (_catalog.SourceBindings.TryGetValue(source, out var bound))
        {
            return bound;
        }

        var operations = new List<string>();
        foreach (var step in _document.Workflows.SelectMany(w => w.Steps))
        {
            if (OperationOf(step) is { } operation && operation.Source == source && !operations.Contains(operation.Name, StringComparer.Ordinal))
            {
                operations.Add(operation.Name);
            }
        }

        var candidates = _catalog.Interfaces
            .Where(client => operations.All(op => Method(source, client, op) is not null))
            .ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (operations.Count == 0)
        {
            // No step names an operation of this source for certain (unqualified operationIds in a
            // document with several sources): those steps say what to write; nothing decides a client here.
            return null;
        }

        if (candidates.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoClientForSource, span, source, string.Join(", ", operations), NearestOperations(source, operations));
        }
        else
        {
            _diagnostics.Add(DiagnosticDescriptors.AmbiguousClient, span, source, string.Join(", ", candidates.Select(c => c.ToDisplayString())));
        }

        return null;
    }

    /// <summary>
    /// " (did you mean ...?)" for the operations no client has, from the client that has the most of
    /// the source's operations (or, when it has none, any client with a near name).
    /// </summary>
    private string NearestOperations(string source, List<string> operations)
    {
        var best = _catalog.Interfaces
            .Select(client => (Client: client, Found: operations.Count(op => Method(source, client, op) is not null)))
            .Where(c => c.Found > 0)
            .OrderByDescending(c => c.Found)
            .Select(c => c.Client)
            .FirstOrDefault();
        var clients = best is null ? _catalog.Interfaces.ToList() : new List<INamedTypeSymbol> { best };
        var hints = operations
            .Where(op => best is null || Method(source, best, op) is null)
            .Select(op => (op, suggestion: NameSuggester.Suggest(op, clients.SelectMany(c => _catalog.Operations(c).Select(ClientCatalog.OperationName)).Distinct())))
            .Where(h => h.suggestion is not null)
            .Select(h => $"'{h.suggestion}' for '{h.op}'")
            .ToList();
        var where = best is null ? string.Empty : $" ({best.Name} has the others)";
        return hints.Count == 0 ? where : $"{where}; did you mean {string.Join(", ", hints)}?";
    }

    /// <summary>The API name of the operation a REST operationPath points at on <paramref name="client"/>'s API.</summary>
    private string? RestOperation(PathReference path, INamedTypeSymbol client, bool report)
    {
        if (path.HttpMethod is null || path.HttpPath is null)
        {
            return null;
        }

        var api = _catalog.ApiOf(client);
        var operation = api is null ? null : HttpBinding.Match(api, path.HttpMethod, path.HttpPath);
        if (operation is null && report)
        {
            var why = api is null
                ? $"no AWS model describes the API of {client.Name}, so its HTTP paths are unknown; use operationId"
                : $"no operation of {api.ServiceId} is bound to {path.HttpMethod} {path.HttpPath}";
            _diagnostics.Add(DiagnosticDescriptors.OperationPathNotAnOperation, path.Span, path.Value, why);
        }

        return operation?.Name;
    }

    /// <summary>The source (when it is known without a client) and the operation a step names, by operationId or operationPath.</summary>
    private (string? Source, string Name)? OperationOf(Step step)
    {
        if (step.OperationPath is { } path)
        {
            if (path.Operation is not null)
            {
                return (path.Source, path.Operation);
            }

            // A REST path item names its operation only through an API's HTTP bindings: the one
            // operation of the compilation's clients bound to it, if there is exactly one.
            var names = _catalog.Interfaces
                .Select(c => RestOperation(path, c, report: false))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return names.Count == 1 ? (path.Source, names[0]) : null;
        }

        if (step.OperationId is not { } operationId)
        {
            return null;
        }

        if (operationId.IsQualified)
        {
            return (operationId.Source, operationId.Name);
        }

        var sources = _document.SourceDescriptions.Where(s => s.EffectiveType == "openapi").ToList();
        return (sources.Count == 1 ? sources[0].Name.Value : null, operationId.Name);
    }
}
