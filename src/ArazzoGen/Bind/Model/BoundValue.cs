using System.Linq;
using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.Model;

/// <summary>
/// A value the generated code computes: what a payload member, an output or a criterion operand
/// binds to. Emit renders each node as a C# expression.
/// </summary>
internal abstract record BoundValue(TypeRef Type);

internal static class BoundValueExtensions
{
    /// <summary>False when the generated expression can never be null (literals, new objects, text, a required input).</summary>
    public static bool MayBeNull(this BoundValue value) => value switch
    {
        LiteralBound or NewObjectBound or NewListBound or NewMapBound or TemplateBound or TextBound => false,
        InputBound input => input.Type.Name.EndsWith("?", System.StringComparison.Ordinal),
        NonNullInputBound input => input.Type.Name.EndsWith("?", System.StringComparison.Ordinal),
        InputObjectBound obj => obj.CopyOf is { } source && source.MayBeNull(),
        _ => true,
    };

    /// <summary>True when <paramref name="value"/> or any value inside it satisfies <paramref name="predicate"/>.</summary>
    public static bool Contains(this BoundValue value, System.Func<BoundValue, bool> predicate)
    {
        if (predicate(value))
        {
            return true;
        }

        return value switch
        {
            NewObjectBound obj => obj.Members.Any(m => m.Value.Contains(predicate)),
            InputObjectBound obj => obj.Members.Any(m => m.Value.Contains(predicate)),
            NewListBound list => list.Items.Any(i => i.Contains(predicate)),
            NewMapBound map => map.Entries.Any(e => e.Value.Contains(predicate)),
            TemplateBound template => template.Chunks.Any(c => c.Value is not null && c.Value.Contains(predicate)),
            PathBound path => path.Root is not null && path.Root.Contains(predicate),
            NonNullInputBound input => input.Inner.Contains(predicate),
            ConstantFromStringBound constant => constant.Inner.Contains(predicate),
            ConstantValueBound constant => constant.Inner.Contains(predicate),
            TextBound text => text.Inner.Contains(predicate),
            WireBound wire => wire.Inner.Contains(predicate),
            DocumentTextBound document => document.Document.Contains(predicate),
            LengthBound length => length.Inner.Contains(predicate),
            NodesBound nodes => nodes.Root.Contains(predicate) || nodes.Steps.Any(s => s.Contains(predicate)),
            CountBound count => count.Nodes.Contains(predicate),
            NodeValueBound single => single.Nodes.Contains(predicate),
            JsonPathLengthBound length => length.Inner.Contains(predicate),
            _ => false,
        };
    }

    private static bool Contains(this NodeStep step, System.Func<BoundValue, bool> predicate) => step switch
    {
        FilterNodeStep filter => filter.Predicate.Values().Any(v => v.Contains(predicate)),
        UnionNodeStep union => union.Branches.Any(b => b.Any(s => s.Contains(predicate))),
        _ => false,
    };

    /// <summary>True when the value reads the response object (<c>$response.body</c> or a path into it), which exists only when the call succeeded.</summary>
    public static bool ReadsResponse(this BoundValue value) =>
        value.Contains(v => v is ResponseBound || v is PathBound { Root: null });
}

/// <summary>How Emit spells a literal in C#.</summary>
internal enum LiteralSpelling
{
    String,
    Integer,
    Long,
    Double,
    Float,
    Boolean,

    /// <summary>A known value of a ConstantClass: <c>Type.FIELD</c>; <see cref="LiteralBound.Text"/> is the field's name.</summary>
    ConstantField,
}

/// <summary>A literal from the document: its text as written (numbers in invariant form) and how it is spelled.</summary>
/// <param name="ValueText">For a <see cref="LiteralSpelling.ConstantField"/>, the value the API sends (the field's name is not always it: <c>ml.m5.xlarge</c>).</param>
internal sealed record LiteralBound(LiteralSpelling Spelling, string Text, TypeRef Type, string? ValueText = null) : BoundValue(Type)
{
    /// <summary>The literal as the API sends it.</summary>
    public string WireText => ValueText ?? Text;

    public static LiteralBound String(string text) => new(LiteralSpelling.String, text, TypeRef.String);
}

/// <summary><c>$inputs.x</c>: a property of the Inputs object; <c>$inputs.x.y</c> reads on through the <paramref name="Members"/> of an object input's class.</summary>
internal sealed record InputBound(string Property, TypeRef Type, EquatableArray<InputMember> Members) : BoundValue(Type);

/// <summary>One member read of an object input: its name in the schema, its property, and whether the object before it may be null (<c>?.</c>).</summary>
internal sealed record InputMember(string Name, string Property, bool AfterNullable);

/// <summary>
/// An object input of a workflow a step or action runs (a class of that workflow's): its
/// <paramref name="Members"/>, written as a mapping or copied member by member from an object input of
/// this workflow's; null when <paramref name="CopyOf"/>, that object, may be null and is.
/// </summary>
internal sealed record InputObjectBound(EquatableArray<MemberInit> Members, InputBound? CopyOf, TypeRef Type) : BoundValue(Type);

/// <summary>
/// <c>$steps.x.outputs.y</c>: a property of a step's result, a struct whose properties are all null until the
/// step has run; or <c>$workflows.id.outputs.y</c> of a workflow an action ran (<paramref name="OfWorkflowRun"/>):
/// a property of its Outputs, a class that is null until it has run.
/// </summary>
internal sealed record StepOutputBound(string StepField, string Property, TypeRef Type, bool OfWorkflowRun) : BoundValue(Type);

/// <summary>A fact about the step's call: StatusCode, ErrorCode, ErrorMessage or RequestId.</summary>
internal sealed record CallBound(string Member, TypeRef Type) : BoundValue(Type);

/// <summary>A null-safe member path from <see cref="Root"/> (the response, or another value).</summary>
internal sealed record PathBound(BoundValue? Root, EquatableArray<PathStep> Steps, TypeRef Type) : BoundValue(Type);

internal enum PathStepKind
{
    Member,
    ListIndex,
    MapKey,
}

/// <param name="ApiName">A member's name in the AWS API when the SDK renamed it (null: the same); a state machine reads the API's names.</param>
/// <param name="IsRequired">The model says the member is always there (a state machine need not guard its absence).</param>
internal sealed record PathStep(PathStepKind Kind, string Name, int Index, string? ApiName = null, bool IsRequired = false)
{
    public string WireMember => ApiName ?? Name;
}

/// <summary>
/// <c>$statusCode</c> where no call of its own is made: in workflow outputs the status of the run's
/// last call; in a step that runs a workflow (<see cref="OfCalledWorkflow"/>) that workflow's last call's, or its failed call's.
/// </summary>
internal sealed record LastStatusBound(bool OfCalledWorkflow) : BoundValue(TypeRef.NullableInteger);

/// <summary>An expression that has no value where it is written (Validate warned, ARZ0306): null.</summary>
internal sealed record NoValueBound(TypeRef Type) : BoundValue(Type);

/// <summary>The response object itself (<c>$response.body</c>).</summary>
internal sealed record ResponseBound(TypeRef Type) : BoundValue(Type);

/// <summary>The outputs of the workflow a step ran (<c>$outputs</c> inside that step).</summary>
internal sealed record CalledOutputsBound(TypeRef Type) : BoundValue(Type);

/// <summary>
/// A value that may be null passed to a called workflow's input that may not be: its default
/// when it has one (<c>v ?? default</c>), else <c>WorkflowInput.Required(v, "name")</c>.
/// </summary>
internal sealed record NonNullInputBound(BoundValue Inner, string InputName, LiteralBound? Default, TypeRef Type) : BoundValue(Type);

/// <summary>A string into a ConstantClass slot: <c>X.FindValue(s)</c>.</summary>
internal sealed record ConstantFromStringBound(BoundValue Inner, TypeRef Type) : BoundValue(Type);

/// <summary>A ConstantClass read as its string value.</summary>
internal sealed record ConstantValueBound(BoundValue Inner) : BoundValue(TypeRef.String);

/// <summary>A value written into text (templates, or a number into a string slot).</summary>
internal sealed record TextBound(BoundValue Inner) : BoundValue(TypeRef.String);

/// <summary>A string with embedded expressions.</summary>
internal sealed record TemplateBound(EquatableArray<TemplateChunk> Chunks) : BoundValue(TypeRef.String);

internal sealed record TemplateChunk(string? Text, BoundValue? Value);

/// <summary><c>new T { A = ..., B = ... }</c>.</summary>
internal sealed record NewObjectBound(EquatableArray<MemberInit> Members, TypeRef Type) : BoundValue(Type);

/// <param name="ApiName">The member's name in the AWS API when the SDK renamed it (null: the same); a state machine sends the API's names.</param>
internal sealed record MemberInit(string Member, BoundValue Value, string? ApiName = null)
{
    public string WireMember => ApiName ?? Member;
}

/// <summary><c>new List&lt;T&gt; { ... }</c>.</summary>
internal sealed record NewListBound(EquatableArray<BoundValue> Items, TypeRef Type) : BoundValue(Type);

/// <summary><c>new Dictionary&lt;string, T&gt; { ["k"] = ... }</c>.</summary>
internal sealed record NewMapBound(EquatableArray<MapEntryBound> Entries, TypeRef Type) : BoundValue(Type);

internal sealed record MapEntryBound(string Key, BoundValue Value);

/// <summary>How a value written as the API sends it becomes the SDK's type (<c>ArazzoGen.Runtime.Wire</c>).</summary>
internal enum WireConversion
{
    /// <summary>Base64 text into a blob member (a MemoryStream): JSON APIs send blobs as base64.</summary>
    Base64,

    /// <summary>Text as a raw streaming body (S3 PutObject's Body), UTF-8 encoded.</summary>
    RawText,
    Timestamp,
    Boolean,
    Integer,
    Long,
    Double,
    Enum,

    /// <summary>S3's <c>x-amz-copy-source</c> (<c>bucket/key?versionId=v</c>), which the SDK takes as three members.</summary>
    CopySourceBucket,
    CopySourceKey,
    CopySourceVersionId,
}

/// <summary>A value converted from its wire form at run time: <c>Wire.X(inner, "Member")</c>, which fails the step with the member's name when it does not convert.</summary>
internal sealed record WireBound(BoundValue Inner, WireConversion Conversion, string Member, TypeRef Type) : BoundValue(Type);

/// <summary>
/// A JSON Pointer into a <c>Document</c> member, read at run time as text: <c>Documents.Text(doc, "/a/b", "Member")</c>
/// (null when the pointer reaches nothing; the step fails, naming the member, when the document's shape differs).
/// </summary>
internal sealed record DocumentTextBound(BoundValue Document, string Pointer, string Member) : BoundValue(TypeRef.String);

/// <summary><c>.length</c>: the count of a list, the length of a string.</summary>
internal sealed record LengthBound(BoundValue Inner) : BoundValue(TypeRef.Integer);
