using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Bind;

/// <summary>
/// The clients one workflow's Clients class holds: one per source its operation steps call, plus
/// those the workflows it runs need. A workflow of the same document names them by the same
/// sources; one of another document shares this workflow's client of the same interface (one
/// IAmazonSageMaker serves both), and only lends its own when this workflow has none.
/// </summary>
internal sealed class WorkflowClients
{
    private readonly Dictionary<string, BoundClient> _bySource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundClient> _lent = new(StringComparer.Ordinal);
    private readonly ArazzoDocument _document;
    private readonly SourceBinder _sources;

    public WorkflowClients(ArazzoDocument document, SourceBinder sources)
    {
        _document = document;
        _sources = sources;
    }

    /// <summary>In the order the Clients constructor takes them.</summary>
    public IEnumerable<BoundClient> All => _bySource.Values.Concat(_lent.Values);

    /// <summary>The client for <paramref name="source"/>, whose operations this workflow calls through <paramref name="interfaceType"/>.</summary>
    public BoundClient ForSource(string source, string interfaceType)
    {
        if (!_bySource.TryGetValue(source, out var client))
        {
            _lent.Remove(interfaceType); // This workflow's own client of that interface serves the other document's workflows too.
            var (property, parameter) = _sources.ClientNames(source);
            client = _bySource[source] = new BoundClient(source, property, parameter, interfaceType);
        }

        return client;
    }

    /// <summary>Makes the clients a called workflow needs part of this workflow's.</summary>
    public void Take(CalledWorkflow called)
    {
        foreach (var client in called.Clients)
        {
            if (!called.IsExternal)
            {
                if (!_bySource.ContainsKey(client.SourceName))
                {
                    _bySource[client.SourceName] = client;
                }
            }
            else if (!All.Any(c => c.InterfaceType == client.InterfaceType))
            {
                var taken = new UniqueNames(All.Select(c => c.Property).Concat(_document.SourceDescriptions.Select(s => _sources.ClientNames(s.Name.Value).Property)).ToArray());
                var property = taken.Take(client.Property);
                _lent[client.InterfaceType] = client with { Property = property, Parameter = Identifiers.Camel(property) };
            }
        }
    }

    /// <summary>Which of this workflow's client properties serves a called workflow's client.</summary>
    public string PropertyFor(CalledWorkflow called, BoundClient client) =>
        !called.IsExternal
            ? _bySource[client.SourceName].Property
            : All.First(c => c.InterfaceType == client.InterfaceType).Property;
}
