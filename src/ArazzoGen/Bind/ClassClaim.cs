using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;

namespace ArazzoGen.Bind;

/// <summary>A generated class name and the workflow that claims it, to find collisions across files.</summary>
internal sealed record ClassClaim(string FullName, string WorkflowId, LocationInfo Location)
{
    public static IEnumerable<DiagnosticInfo> Collisions(IEnumerable<ClassClaim> claims) =>
        claims
            .GroupBy(c => c.FullName)
            .Where(g => g.Count() > 1)
            .SelectMany(g =>
            {
                var ordered = g.OrderBy(c => c.Location.FilePath, System.StringComparer.Ordinal).ToList();
                var first = ordered[0];
                return ordered.Skip(1).Select(c => new DiagnosticInfo(
                    DiagnosticDescriptors.ClassNameCollision,
                    c.Location,
                    EquatableArray.Create(c.WorkflowId, g.Key, first.WorkflowId, System.IO.Path.GetFileName(first.Location.FilePath), "the two classes collide (CS0101): rename one workflowId, or set a different ArazzoNamespace for one of the projects")));
            });
}
