using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Aws;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>A bound value together with the SDK symbol it came from (to navigate further into it).</summary>
internal sealed record Typed(BoundValue Value, ITypeSymbol? Symbol);

/// <summary>
/// Binds runtime expressions to typed values: inputs, step outputs, <c>$statusCode</c>, typed
/// null-safe response paths, and the AWS error facts failure criteria ask for.
/// </summary>
internal sealed class ExpressionBinder
{
    private readonly WorkflowScope _scope;

    public ExpressionBinder(WorkflowScope scope) => _scope = scope;

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    /// <summary>Binds <paramref name="expression"/>; <paramref name="slot"/> is the SDK type it will be put into, if any.</summary>
    public Typed? Bind(RuntimeExpression expression, ExpressionSite site, ITypeSymbol? slot = null)
    {
        switch (expression.Root)
        {
            case ExpressionRoot.Inputs:
                return BindInput(expression, slot);
            case ExpressionRoot.Steps:
                return BindStepOutput(expression);
            case ExpressionRoot.Outputs when site.Called is { } called:
                return BindCalledOutput(expression, called, 0);
            case ExpressionRoot.Workflows when site.Called is { } called && expression.Path[0] == called.WorkflowId && expression.Path[1] == "outputs":
                return BindCalledOutput(expression, called, 2);
            case ExpressionRoot.Workflows when expression.Path[1] == "outputs" && _scope.ActionWorkflows.TryGetValue(expression.Path[0], out var runs):
                return BindActionWorkflowOutput(expression, runs.Bound, runs.Called);
            case ExpressionRoot.Workflows when _scope.BrokenWorkflows.Contains(expression.Path[0]):
                return null; // That workflow cannot run, which was reported; its outputs would only cascade.
            case ExpressionRoot.Workflows when expression.Path[1] == "outputs":
                return Unavailable(expression, $"nothing in this workflow runs workflow '{expression.Path[0]}' before this point (a dependsOn entry, or a step, goto or retry with its workflowId)");
            case ExpressionRoot.StatusCode when site.Called is not null || site.Step is null:
                return new Typed(new LastStatusBound(OfCalledWorkflow: site.Called is not null), null);
            case ExpressionRoot.StatusCode or ExpressionRoot.Response or ExpressionRoot.Url or ExpressionRoot.Method or ExpressionRoot.Request
                when site.Called is not null || site.Step is null || !site.AfterCall:
                return new Typed(new NoValueBound(expression.Root == ExpressionRoot.StatusCode ? TypeRef.NullableInteger : TypeRef.String), null); // Validate warned (ARZ0306).
            case ExpressionRoot.StatusCode:
                return new Typed(new CallBound("StatusCode", TypeRef.NullableInteger), null);
            case ExpressionRoot.Response:
                return BindResponse(expression, site);
            case ExpressionRoot.Url or ExpressionRoot.Method or ExpressionRoot.Request:
                return Unavailable(expression, "the AWS SDK does not expose the HTTP request; use the values the workflow sent ($inputs, $steps) instead");
            default:
                return Unavailable(expression, "ArazzoGen does not compile this expression into a value yet");
        }
    }

    /// <summary>Follows JSON Pointer tokens (or JSONPath segments) through SDK members, lists and maps.</summary>
    /// <remarks>
    /// From a response, <paramref name="shape"/> is its AWS model: a member the SDK names otherwise is
    /// also found by its name in the API (S3's <c>Contents</c> is the SDK's <c>S3Objects</c>).
    /// </remarks>
    public Typed? Navigate(Typed start, IEnumerable<PathSegment> segments, SourceSpan span, AwsApi? api = null, AwsShape? shape = null)
    {
        var path = segments.ToList();
        if (start.Value is ResponseBound && path.Count == 1 && path[0].Kind == PathSegmentKind.Member && ErrorFact(path[0].Name, start.Symbol) is { } fact)
        {
            return new Typed(fact, null);
        }

        var steps = new List<PathStep>();
        var current = start.Symbol;
        for (var position = 0; position < path.Count; position++)
        {
            var segment = path[position];
            if (segment.Kind == PathSegmentKind.Length)
            {
                var inner = steps.Count == 0 ? start.Value : new PathBound(start.Value, steps.ToEquatableArray(), Describe(current));
                return new Typed(new LengthBound(inner), null);
            }

            if (current is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.UnknownResponseMember, span, start.Value.Type.Name, segment.Name, string.Empty);
                return null;
            }

            var type = _scope.Types.Describe(current);
            var named = Unwrap(current);
            if (type.Kind == SdkTypeKind.Document)
            {
                // The SDK does not model what is inside: the rest of the pointer is followed at run time.
                var document = steps.Count == 0 ? start.Value : new PathBound(start.Value, steps.ToEquatableArray(), type);
                var rest = path.Skip(position).Select(s => s.Kind == PathSegmentKind.Index ? s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : s.Name);
                var pointer = string.Concat(rest.Select(token => "/" + token.Replace("~", "~0").Replace("/", "~1")));
                var member = steps.LastOrDefault(s => s.Kind == PathStepKind.Member)?.Name ?? start.Value.Type.Name;
                return new Typed(new DocumentTextBound(document, pointer, member), _scope.Types.Primitive(TypeRef.String));
            }

            switch (type.Kind)
            {
                case SdkTypeKind.List:
                    var index = segment.Kind == PathSegmentKind.Index ? segment.Index : ParseIndex(segment.Name);
                    if (index is null)
                    {
                        Diagnostics.Add(DiagnosticDescriptors.UnknownResponseMember, span, type.Name, segment.Name, " (it is a list: use an index)");
                        return null;
                    }

                    steps.Add(new PathStep(PathStepKind.ListIndex, string.Empty, index.Value));
                    current = named.TypeArguments[0];
                    shape = api?.Shape(shape?.Element);
                    break;
                case SdkTypeKind.Map:
                    steps.Add(new PathStep(PathStepKind.MapKey, segment.Kind == PathSegmentKind.Index ? segment.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : segment.Name, 0));
                    current = named.TypeArguments[1];
                    shape = api?.Shape(shape?.Element);
                    break;
                case SdkTypeKind.Structure:
                    var properties = SdkTypes.ReadableProperties(current);
                    var name = segment.Kind == PathSegmentKind.Index ? segment.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : segment.Name;
                    var (property, member) = ApiNames.Resolve(name, location: null, shape, properties);
                    if (property is null)
                    {
                        var known = properties.Select(p => p.Name).Concat(shape?.Members.Select(m => m.WireName) ?? Enumerable.Empty<string>());
                        Diagnostics.Add(DiagnosticDescriptors.UnknownResponseMember, span, type.Name, name, NameSuggester.Hint(name, known));
                        return null;
                    }

                    steps.Add(new PathStep(PathStepKind.Member, property.Name, 0, ApiNames.RenamedFrom(member, property.Name), _scope.Types.Constraints(property).Required));
                    current = property.Type;
                    shape = api?.Shape(member?.Target);
                    break;
                default:
                    Diagnostics.Add(DiagnosticDescriptors.UnknownResponseMember, span, type.Name, segment.Name, " (it has no members)");
                    return null;
            }
        }

        return steps.Count == 0 ? start : new Typed(new PathBound(start.Value, steps.ToEquatableArray(), Describe(current)), current);
    }

    private TypeRef Describe(ITypeSymbol? symbol) => symbol is null ? TypeRef.Unknown : _scope.Types.Describe(symbol);

    private static INamedTypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? (INamedTypeSymbol)nullable.TypeArguments[0] : (INamedTypeSymbol)type;

    private static int? ParseIndex(string token) =>
        int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;

    private Typed? BindInput(RuntimeExpression expression, ITypeSymbol? slot)
    {
        if (!_scope.Inputs.TryGetValue(expression.Path[0], out var input))
        {
            return null; // Validate reported it.
        }

        // An object input's class is read through member by member, as far as the schema declares members.
        var property = input.Property;
        var rest = expression.Path.Skip(1).Select(PathSegment.Member).Concat(PointerSegments(expression)).ToList();
        var members = new List<InputMember>();
        var mayBeNull = input.IsOptional;
        var read = 0;
        while (input.Members is not null && read < rest.Count)
        {
            var name = rest[read].Kind == PathSegmentKind.Index ? rest[read].Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : rest[read].Name;
            if (!input.Members.TryGetValue(name, out var member))
            {
                // Validate reported a dotted one; a JSON Pointer's tokens are checked here.
                Diagnostics.Add(DiagnosticDescriptors.UnknownInput, expression.Span, _scope.Workflow.WorkflowId.Value, input.Path + "." + name, NameSuggester.Hint(name, input.Members.Keys));
                return null;
            }

            members.Add(new InputMember(name, member.Property, mayBeNull));
            mayBeNull |= member.IsOptional;
            input = member;
            read++;
        }

        if (input.Type is null && !DecideInputType(input, expression, slot, readsMember: read < rest.Count))
        {
            return null;
        }

        if (input.DecidedAt is { } decidedAt && read == rest.Count && slot is not null && !Conversions.CanFit(input.Type!, _scope.Types.Describe(slot)))
        {
            // An input without a schema type took its type from its first slot; this slot wants another.
            var line = (decidedAt.StartLine + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Diagnostics.Add(DiagnosticDescriptors.InputTypeConflict, expression.Span, input.Path, Conversions.Describe(_scope.Types.Describe(slot)), $"{Conversions.Describe(input.Type!)} (line {line})");
            return null;
        }

        var type = input.Type!;
        var value = new Typed(new InputBound(property, mayBeNull ? type with { Name = type.NullableName } : type, members.ToEquatableArray()), input.Symbol);
        return read < rest.Count ? Navigate(value, rest.Skip(read), expression.Span) : value;
    }

    /// <summary>
    /// An input (or object input member) without a schema type takes the type of the SDK slot it first
    /// fills, whole; false, reported, when nothing here decides it.
    /// </summary>
    private bool DecideInputType(InputInfo input, RuntimeExpression expression, ITypeSymbol? slot, bool readsMember)
    {
        if (readsMember)
        {
            // The slot is the member's, not the input's: it cannot decide what the whole input is.
            Unavailable(expression, $"input '{input.Path}' has no type of its own to read a member of: give it a schema with 'type: object' and 'properties' to read them one by one, or let the SDK member it fills whole type it (such as 'InputDataConfig: $inputs.{input.Path}') and read from it there");
            return false;
        }

        if (slot is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.UntypedInputUse, expression.Span, input.Path);
            return false;
        }

        input.Type = _scope.Types.Describe(slot);
        input.Symbol = slot;
        input.DecidedAt = expression.Span;
        return true;
    }

    private Typed? BindStepOutput(RuntimeExpression expression)
    {
        var stepId = expression.Path[0];
        var output = expression.Path[2];
        if (!_scope.StepIdentifiers.TryGetValue(stepId, out var identifier) || !_scope.StepOutputs.TryGet(stepId, output, out var info))
        {
            return null; // Validate reported it, or the output itself failed to bind.
        }

        var value = new Typed(new StepOutputBound(BoundStep.FieldOf(identifier), info.Property, info.Type, OfWorkflowRun: false), info.Symbol);
        var rest = expression.Path.Skip(3).Select(PathSegment.Member).Concat(PointerSegments(expression));
        return rest.Any() ? Navigate(value, rest, expression.Span) : value;
    }

    /// <summary><c>$outputs.x</c> (or <c>$workflows.id.outputs.x</c>) in a step that ran workflow <c>id</c>: a property of its Outputs.</summary>
    private Typed? BindCalledOutput(RuntimeExpression expression, CalledWorkflow called, int at)
    {
        if (!called.Outputs.TryGetValue(expression.Path[at], out var info))
        {
            if (called.IsExternal)
            {
                // Validate saw only this document; the called workflow is in another.
                Diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowOutputRef, expression.Span, called.WorkflowId, expression.Path[at], NameSuggester.Hint(expression.Path[at], called.Outputs.Keys));
            }

            return null; // Otherwise Validate reported it, or the output failed to bind in that workflow.
        }

        var outputs = new CalledOutputsBound(new TypeRef(called.ClassName + ".Outputs", SdkTypeKind.Structure, false, null, EquatableArray<string>.Empty));
        var value = new Typed(new PathBound(outputs, new[] { new PathStep(PathStepKind.Member, info.Property, 0, expression.Path[at]) }.ToEquatableArray(), info.Type), info.Symbol);
        var rest = expression.Path.Skip(at + 1).Select(PathSegment.Member).Concat(PointerSegments(expression));
        return rest.Any() ? Navigate(value, rest, expression.Span) : value;
    }

    /// <summary><c>$workflows.id.outputs.x</c> of a workflow an action ran: its last outputs, null until it has run.</summary>
    private Typed? BindActionWorkflowOutput(RuntimeExpression expression, ActionWorkflow runs, CalledWorkflow called)
    {
        if (!called.Outputs.TryGetValue(expression.Path[2], out var info))
        {
            return null; // Validate reported it, or the output failed to bind in that workflow.
        }

        var value = new Typed(new StepOutputBound(runs.Field, info.Property, info.Type, OfWorkflowRun: true), info.Symbol);
        var rest = expression.Path.Skip(3).Select(PathSegment.Member).Concat(PointerSegments(expression));
        return rest.Any() ? Navigate(value, rest, expression.Span) : value;
    }

    private Typed? BindResponse(RuntimeExpression expression, ExpressionSite site)
    {
        if (site.Response is null || !site.AfterCall)
        {
            return Unavailable(expression, "there is no response here");
        }

        var source = expression.Source;
        if (source == "header")
        {
            var header = expression.Path[1];
            if (string.Equals(header, "x-amzn-RequestId", StringComparison.OrdinalIgnoreCase))
            {
                return new Typed(new CallBound("RequestId", NullableString), null);
            }

            if (string.Equals(header, "x-amzn-ErrorType", StringComparison.OrdinalIgnoreCase))
            {
                return new Typed(new CallBound("ErrorCode", NullableString), null);
            }

            if (site.ResponseShape?.AtLocation("header", header) is { } member
                && member.PropertyIn(SdkTypes.ReadableProperties(site.Response)) is { } property)
            {
                // The model says the API sends this header as a member of the response (S3's ETag, x-amz-version-id).
                var response = new ResponseBound(_scope.Types.Describe(site.Response));
                return new Typed(new PathBound(response, new[] { new PathStep(PathStepKind.Member, property.Name, 0) }.ToEquatableArray(), _scope.Types.Describe(property.Type)), property.Type);
            }

            return Unavailable(expression, site.ResponseShape is null
                ? "the AWS model of this operation's response has no headers, and the AWS SDK exposes no others except the request id (x-amzn-RequestId) and, on failure, the error type (x-amzn-ErrorType)"
                : $"the AWS model of this operation's response has no header '{header}'{NameSuggester.Hint(header, site.ResponseShape.Members.Where(m => m.Location == "header").Select(m => m.WireName))}");
        }

        if (source != "body")
        {
            return Unavailable(expression, "responses have no query or path parameters");
        }

        var root = new Typed(new ResponseBound(_scope.Types.Describe(site.Response)), site.Response);
        return Navigate(root, PointerSegments(expression), expression.Span, site.Api, site.ResponseShape);
    }

    /// <summary>
    /// AWS JSON puts the error type in <c>__type</c> and its text in <c>message</c>; the SDK exposes
    /// them on the exception, so <c>$response.body#/__type</c> reads the error code.
    /// </summary>
    /// <summary>
    /// <c>__type</c> is the AWS error code, and <c>message</c> the error's message unless the response
    /// type has a member of that name: in Arazzo an error response is a response, so both can be read
    /// wherever the response can (success criteria on an error status, outputs, failure criteria).
    /// </summary>
    private static CallBound? ErrorFact(string member, ITypeSymbol? response) =>
        member == "__type" ? new CallBound("ErrorCode", TypeRef.String)
        : string.Equals(member, "message", StringComparison.OrdinalIgnoreCase)
            && (response is null || SdkTypes.FindProperty(SdkTypes.ReadableProperties(response), member) is null) ? new CallBound("ErrorMessage", TypeRef.String)
        : null;

    private static IEnumerable<PathSegment> PointerSegments(RuntimeExpression expression) =>
        expression.Pointer.Select(PathSegment.Member);

    private static readonly TypeRef NullableString = TypeRef.String;

    private Typed? Unavailable(RuntimeExpression expression, string why)
    {
        Diagnostics.Add(DiagnosticDescriptors.NotAvailableFromSdk, expression.Span, expression.Text, why);
        return null;
    }
}
