using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.Model;

/// <summary>
/// An RFC 9535 node list, typed: the nodes <see cref="Steps"/> select from <see cref="Root"/>, each of
/// type <see cref="BoundValue.Type"/> (object when a step mixes types). <see cref="Depth"/> is how
/// many filters enclose it, so its lambdas get names no enclosing lambda uses.
/// </summary>
internal sealed record NodesBound(BoundValue Root, EquatableArray<NodeStep> Steps, int Depth, TypeRef Element) : BoundValue(Element);

/// <summary>One selection applied to every node of a list; <see cref="Element"/> is the type of what it selects.</summary>
internal abstract record NodeStep(TypeRef Element);

/// <summary>A member of a structure.</summary>
internal sealed record MemberNodeStep(string Member, TypeRef Element) : NodeStep(Element);

/// <summary>A key of a map.</summary>
internal sealed record KeyNodeStep(string Key, TypeRef Element) : NodeStep(Element);

/// <summary>An element of a list; negative counts from the end.</summary>
internal sealed record IndexNodeStep(long Index, TypeRef Element) : NodeStep(Element);

internal sealed record SliceNodeStep(long? Start, long? End, long Step, TypeRef Element) : NodeStep(Element);

/// <summary>Every element of a list, or every value of a map.</summary>
internal sealed record ItemsNodeStep(bool OfMap, TypeRef Element) : NodeStep(Element);

/// <summary>Every member of a structure (<c>*</c>); their types differ, so the nodes are objects.</summary>
internal sealed record MembersNodeStep(EquatableArray<string> Members) : NodeStep(TypeRef.Unknown);

/// <summary>The nodes for which the predicate holds; inside it <c>@</c> is <see cref="CurrentNodeBound"/> of depth <see cref="Depth"/>.</summary>
internal sealed record FilterNodeStep(int Depth, BoundCondition Predicate, TypeRef Element) : NodeStep(Element);

/// <summary>
/// Several selections of each node, in order (<c>[a, b]</c>, and a descendant segment expanded
/// over the type's members); <see cref="Id"/> names the lambda over the node.
/// </summary>
internal sealed record UnionNodeStep(int Id, EquatableArray<EquatableArray<NodeStep>> Branches, TypeRef Element) : NodeStep(Element);

/// <summary><c>@</c>: the node a filter is testing.</summary>
internal sealed record CurrentNodeBound(int Depth, TypeRef Type) : BoundValue(Type);

/// <summary>count(): how many nodes.</summary>
internal sealed record CountBound(NodesBound Nodes) : BoundValue(TypeRef.Integer);

/// <summary>value(), or a query compared as a value: the single node, or nothing.</summary>
internal sealed record NodeValueBound(NodesBound Nodes, TypeRef Type) : BoundValue(Type);

/// <summary>length(): of a string, list or map; nothing (null) otherwise.</summary>
internal sealed record JsonPathLengthBound(BoundValue Inner) : BoundValue(TypeRef.NullableInteger);

/// <summary>A query used as a test: true when it selects at least one node.</summary>
internal sealed record AnyNodeCondition(NodesBound Nodes) : BoundCondition;

/// <summary>match() (the whole string) or search() (a substring) with an I-Regexp, held in a static field.</summary>
internal sealed record JsonPathRegexCondition(string FieldName, bool WholeString, BoundValue Value) : BoundCondition;

/// <summary>A static Regex field of the generated Run class, with its .NET pattern.</summary>
internal sealed record RegexField(string Name, string Pattern);
