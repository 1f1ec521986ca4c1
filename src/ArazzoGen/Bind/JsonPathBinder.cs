using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// Where a query is bound: <c>$</c> (the criterion's context), <c>@</c> (the node the innermost filter
/// tests), how many filters enclose it, and how a filter's predicate is bound in the scope of its node.
/// </summary>
internal sealed record QueryScope(Typed Root, Typed Current, int Depth, Func<ConditionNode, QueryScope, BoundCondition?> BindPredicate);

/// <summary>
/// Types an RFC 9535 query against the SDK shapes, segment by segment: names through structure
/// members and map keys, indexes and slices through lists, wildcards and filters through a
/// list's elements, a map's values or (as objects) a structure's members, and descendant segments
/// by expanding the type graph below the node. What cannot be typed is reported naming the segment.
/// </summary>
internal sealed class JsonPathBinder
{
    // A descendant segment over a wide shape expands into one branch per position that fits; past this it is refused.
    private const int MaxDescendantPositions = 400;

    private readonly WorkflowScope _scope;
    private int _unions;

    public JsonPathBinder(WorkflowScope scope) => _scope = scope;

    private SdkTypes Types => _scope.Types;

    /// <summary>
    /// The nodes <paramref name="query"/> selects, or null with <paramref name="error"/> saying which segment
    /// cannot be typed; <paramref name="error"/> is null when the reason (a filter's predicate) was reported already.
    /// </summary>
    public (NodesBound Nodes, ITypeSymbol? Element)? Bind(JsonPathQuery query, QueryScope scope, out string? error)
    {
        var start = query.IsCurrentNode ? scope.Current : scope.Root;
        // `@` is the filter's node (a lambda parameter), or in the top-level form `$[?...]` the context itself.
        var root = start.Value;
        var state = new Position(start.Symbol, start.Value.Type);
        var steps = new List<NodeStep>();
        foreach (var segment in query.Segments)
        {
            var applied = segment.IsDescendant ? Descendants(segment, state, scope, out error) : Selectors(segment, state, scope, out error);
            if (applied is null)
            {
                error = error is null ? null : $"segment '{segment.Text}' of '{query.Text}' {error}";
                return null;
            }

            steps.AddRange(applied.Value.Steps);
            state = applied.Value.Result;
        }

        error = null;
        _scope.UsesNodeQueries = true;
        return (new NodesBound(root, steps.ToEquatableArray(), scope.Depth, state.Type), state.Symbol);
    }

    /// <summary>A node list of one value (a singular path, written as a query where a node list is wanted).</summary>
    public NodesBound Single(BoundValue value, int depth)
    {
        _scope.UsesNodeQueries = true;
        return new NodesBound(value, EquatableArray<NodeStep>.Empty, depth, value.Type);
    }

    /// <summary>The type at a point of the query; <see cref="Symbol"/> is null once types mix (object).</summary>
    private readonly record struct Position(ITypeSymbol? Symbol, TypeRef Type);

    private (List<NodeStep> Steps, Position Result)? Selectors(JsonPathSegment segment, Position at, QueryScope scope, out string? error)
    {
        if (segment.Selectors.Count == 1)
        {
            return Selector(segment.Selectors[0], at, scope, out error);
        }

        var branches = new List<(List<NodeStep> Steps, Position Result)>();
        foreach (var selector in segment.Selectors)
        {
            if (Selector(selector, at, scope, out error) is not { } branch)
            {
                return null;
            }

            branches.Add(branch);
        }

        error = null;
        return Union(branches);
    }

    private (List<NodeStep> Steps, Position Result) Union(List<(List<NodeStep> Steps, Position Result)> branches)
    {
        var common = branches.Select(b => b.Result.Type.NonNullableName).Distinct(StringComparer.Ordinal).Count() == 1
            ? branches[0].Result
            : new Position(null, TypeRef.Unknown);
        var union = new UnionNodeStep(++_unions, branches.Select(b => b.Steps.ToEquatableArray()).ToEquatableArray(), common.Type);
        return (new List<NodeStep> { union }, common);
    }

    private (List<NodeStep> Steps, Position Result)? Selector(JsonPathSelector selector, Position at, QueryScope scope, out string? error)
    {
        error = null;
        if (at.Symbol is null)
        {
            error = $"cannot be typed: the nodes before it are of different types (a '*' over a structure's members); select one member by name instead";
            return null;
        }

        var type = at.Type;
        var named = Unwrap(at.Symbol);
        switch (selector.Kind, type.Kind)
        {
            case (JsonPathSelectorKind.Name, SdkTypeKind.Structure):
                var properties = SdkTypes.ReadableProperties(at.Symbol);
                if (SdkTypes.FindProperty(properties, selector.Name) is not { } property)
                {
                    error = $"names no member of {Conversions.Describe(type)}{NameSuggester.Hint(selector.Name, properties.Select(p => p.Name))}";
                    return null;
                }

                return Step(new MemberNodeStep(property.Name, Types.Describe(property.Type)), property.Type);
            case (JsonPathSelectorKind.Name, SdkTypeKind.Map):
                var value = named.TypeArguments[1];
                return Step(new KeyNodeStep(selector.Name, Types.Describe(value)), value);
            case (JsonPathSelectorKind.Index, SdkTypeKind.List):
                return Step(new IndexNodeStep(selector.Index, Types.Describe(named.TypeArguments[0])), named.TypeArguments[0]);
            case (JsonPathSelectorKind.Slice, SdkTypeKind.List):
                return Step(new SliceNodeStep(selector.Start, selector.End, selector.Step ?? 1, Types.Describe(named.TypeArguments[0])), named.TypeArguments[0]);
            case (JsonPathSelectorKind.Wildcard or JsonPathSelectorKind.Filter, SdkTypeKind.List or SdkTypeKind.Map):
                var element = type.Kind == SdkTypeKind.List ? named.TypeArguments[0] : named.TypeArguments[1];
                var items = new ItemsNodeStep(type.Kind == SdkTypeKind.Map, Types.Describe(element));
                return selector.Kind == JsonPathSelectorKind.Wildcard ? Step(items, element) : Filter(items, element, selector.Filter!, scope, out error);
            case (JsonPathSelectorKind.Wildcard or JsonPathSelectorKind.Filter, SdkTypeKind.Structure):
                var members = new MembersNodeStep(BodyMembers(at.Symbol).Select(p => p.Name).ToEquatableArray());
                return selector.Kind == JsonPathSelectorKind.Wildcard ? (new List<NodeStep> { members }, new Position(null, TypeRef.Unknown)) : Filter(members, null, selector.Filter!, scope, out error);
        }

        error = selector.Kind switch
        {
            JsonPathSelectorKind.Name when type.Kind == SdkTypeKind.List => $"names a member of {Conversions.Describe(type)}, a list: use an index, a slice, '*' or a filter",
            JsonPathSelectorKind.Index or JsonPathSelectorKind.Slice => $"indexes {Conversions.Describe(type)}, which is not a list",
            _ => $"selects nothing from {Conversions.Describe(type)}, which has no members or elements",
        };
        return null;
    }

    private static (List<NodeStep> Steps, Position Result) Step(NodeStep step, ITypeSymbol symbol) =>
        (new List<NodeStep> { step }, new Position(symbol, step.Element));

    /// <summary>A filter selects the children (from <paramref name="children"/>) for which its predicate holds, with <c>@</c> each child.</summary>
    private (List<NodeStep> Steps, Position Result)? Filter(NodeStep children, ITypeSymbol? child, ConditionNode predicate, QueryScope scope, out string? error)
    {
        var depth = scope.Depth + 1;
        var current = new Typed(new CurrentNodeBound(depth, children.Element), child);
        var bound = scope.BindPredicate(predicate, scope with { Current = current, Depth = depth });
        if (bound is null)
        {
            error = null; // The predicate's own problem was reported where it is.
            return null;
        }

        error = null;
        return (new List<NodeStep> { children, new FilterNodeStep(depth, bound, children.Element) }, new Position(child, children.Element));
    }

    /// <summary>
    /// <c>..</c>: the selectors applied to the node and every node below it. The shapes are known, so
    /// every position below the node is enumerated once, and the selectors are applied where they fit.
    /// </summary>
    private (List<NodeStep> Steps, Position Result)? Descendants(JsonPathSegment segment, Position at, QueryScope scope, out string? error)
    {
        var positions = new List<(List<NodeStep> Path, Position At)>();
        if (!Below(at, new List<NodeStep>(), new List<string>(), positions, out error))
        {
            return null;
        }

        var branches = new List<(List<NodeStep> Steps, Position Result)>();
        foreach (var (path, position) in positions)
        {
            foreach (var selector in segment.Selectors)
            {
                // A selector that does not fit a position selects nothing there (a name on a list, say).
                if (Selector(selector, position, scope, out var notHere) is { } applied)
                {
                    branches.Add((path.Concat(applied.Steps).ToList(), applied.Result));
                }
                else if (notHere is null)
                {
                    error = null; // A filter's predicate that cannot compile, reported already.
                    return null;
                }
            }
        }

        if (branches.Count == 0)
        {
            error = $"selects nothing: no node below {Conversions.Describe(at.Type)} has what it selects";
            return null;
        }

        error = null;
        return branches.Count == 1 ? branches[0] : Union(branches);
    }

    /// <summary>The node and every position below it, with the steps that reach each; false when a shape contains itself or is untyped.</summary>
    private bool Below(Position at, List<NodeStep> path, List<string> enclosing, List<(List<NodeStep>, Position)> positions, out string? error)
    {
        error = null;
        positions.Add((path, at));
        if (positions.Count > MaxDescendantPositions)
        {
            error = $"cannot be typed: more than {MaxDescendantPositions} positions lie below it; start the query closer to what it looks for";
            return false;
        }

        if (at.Symbol is null || at.Type.Kind is not (SdkTypeKind.Structure or SdkTypeKind.List or SdkTypeKind.Map))
        {
            if (at.Type.Kind == SdkTypeKind.Unknown)
            {
                error = $"cannot be typed: {at.Type.Name} is untyped ({at.Type.Name} has no members ArazzoGen can see); query it by name instead";
                return false;
            }

            return true; // a leaf: strings, numbers, enum values, times
        }

        var name = at.Type.NonNullableName;
        if (enclosing.Contains(name))
        {
            error = $"cannot be typed: {Conversions.Describe(at.Type)} contains itself, so its descendants have no end; query a path by name instead";
            return false;
        }

        enclosing.Add(name);
        var named = Unwrap(at.Symbol);
        var children = at.Type.Kind switch
        {
            SdkTypeKind.List => new[] { ((NodeStep)new ItemsNodeStep(false, Types.Describe(named.TypeArguments[0])), named.TypeArguments[0]) },
            SdkTypeKind.Map => new[] { ((NodeStep)new ItemsNodeStep(true, Types.Describe(named.TypeArguments[1])), named.TypeArguments[1]) },
            _ => BodyMembers(at.Symbol).Select(p => ((NodeStep)new MemberNodeStep(p.Name, Types.Describe(p.Type)), p.Type)).ToArray(),
        };
        foreach (var (step, symbol) in children)
        {
            if (!Below(new Position(symbol, step.Element), path.Append(step).ToList(), enclosing, positions, out error))
            {
                return false;
            }
        }

        enclosing.RemoveAt(enclosing.Count - 1);
        return true;
    }

    /// <summary>
    /// The members that are the API's data: a response's HttpStatusCode, ResponseMetadata and
    /// ContentLength (declared by the SDK's Amazon.Runtime base types) are not in the JSON body.
    /// </summary>
    private static IEnumerable<IPropertySymbol> BodyMembers(ITypeSymbol type) =>
        SdkTypes.ReadableProperties(type).Where(p => !p.IsIndexer && p.ContainingType.ContainingNamespace.ToDisplayString() != "Amazon.Runtime");

    private static INamedTypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? (INamedTypeSymbol)nullable.TypeArguments[0] : (INamedTypeSymbol)type;
}
