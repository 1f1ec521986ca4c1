using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// Finds, for a step that creates a resource keyed by a name the run gives it (SageMaker's
/// CreateTrainingJob, CreateModel, CreateEndpoint...; DynamoDB's CreateTable), the call that reads it
/// back by that name: <c>Create{X}</c>/<c>Start{X}</c> -> <c>Describe{X}</c> or <c>Get{X}</c> on the same
/// client, whose required request members the create request sets. A run resumed inside such a step
/// reads back first instead of creating twice.
/// </summary>
internal static class ReadBacks
{
    private static readonly string[] CreatePrefixes = { "Create", "Start" };
    private static readonly string[] ReadPrefixes = { "Describe", "Get" };

    /// <param name="outputs">Binds the step's outputs against a response type, quietly: null when one does not bind.</param>
    public static ReadBack? Find(
        INamedTypeSymbol client,
        IMethodSymbol create,
        NewObjectBound request,
        ClientCatalog catalog,
        Func<ITypeSymbol, IMethodSymbol, EquatableArray<BoundValue>?> outputs)
    {
        var name = ClientCatalog.OperationName(create);
        var prefix = CreatePrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal) && name.Length > p.Length);
        if (prefix is null)
        {
            return null;
        }

        var resource = name.Substring(prefix.Length);
        foreach (var read in ReadPrefixes.Select(p => catalog.OperationNamed(client, p + resource + "Async")).OfType<IMethodSymbol>())
        {
            var readRequest = read.Parameters[0].Type;
            var sent = new HashSet<string>(request.Members.Select(m => m.Member), StringComparer.Ordinal);
            var members = SdkTypes.SettableProperties(readRequest);
            var required = members.Where(p => catalog.Types.Constraints(p).Required).Select(p => p.Name).ToList();
            var keys = required.Count > 0
                ? required
                : members.Select(p => p.Name).Where(n => sent.Contains(n) && (n.EndsWith("Name", StringComparison.Ordinal) || n.EndsWith("Id", StringComparison.Ordinal))).ToList();
            if (keys.Count == 0 || !keys.All(sent.Contains))
            {
                continue;
            }

            var response = ((INamedTypeSymbol)read.ReturnType).TypeArguments[0];
            if (outputs(response, read) is { } bound)
            {
                return new ReadBack(read.Name, SdkTypes.Name(readRequest), keys.ToEquatableArray(), bound);
            }
        }

        return null;
    }

    /// <summary>
    /// True when the step can be taken as done once its resource is read back: its success criteria
    /// and success actions read nothing of the create call's answer but its status.
    /// </summary>
    public static bool Applies(IReadOnlyList<BoundCondition> success, IReadOnlyList<BoundAction> onSuccess) =>
        !success.SelectMany(c => c.Values()).Any(v => v.ReadsResponse())
        && onSuccess.All(a => a.Criteria.Count == 0 && !a.LoopsThisStep);
}
