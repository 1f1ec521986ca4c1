using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArazzoGen.Tool;

/// <summary>The string constants each generated workflow class declares (StateMachineDefinition, RolePolicy, ...), read from the generator's output.</summary>
internal static class GeneratedConstants
{
    /// <summary>By workflow id (the class's WorkflowId constant), each class's string constants by name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ByWorkflowId(GeneratorDriverRunResult run)
    {
        var classes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in run.GeneratedTrees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()))
        {
            var constants = type.Members.OfType<FieldDeclarationSyntax>()
                .SelectMany(f => f.Declaration.Variables)
                .Where(v => v.Initializer?.Value is LiteralExpressionSyntax)
                .ToDictionary(v => v.Identifier.ValueText, v => ((LiteralExpressionSyntax)v.Initializer!.Value).Token.ValueText, StringComparer.Ordinal);
            if (constants.TryGetValue("WorkflowId", out var id))
            {
                classes[id] = constants;
            }
        }

        return classes;
    }
}
