using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Bind.Aws;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Validate;
using ArazzoGen.Validate.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>Binds one workflow: inputs, clients, each step's request, outputs, criteria and actions.</summary>
internal sealed class WorkflowBinder
{
    // Names the generated class and its Run already use (types, methods, and the fields _workflow, _inputs, ...).
    private static readonly string[] GeneratedNames = { "Execute", "Finish", "End", "BuildOutputs", "Dispose", "Inputs", "Outputs", "Clients", "Run", "Step", "Workflow", "EndStepId", "EndActionName" };

    // The Run derives from the runtime's WorkflowRun: a step's method (XAsync) must not hide one of its methods.
    internal static readonly string[] RuntimeRunMethods =
    {
        "Advance", "Call", "Completed", "Delay", "Failed", "ReleaseLease", "Retry", "RunActionWorkflow", "RunDependencies", "RunWorkflow", "Start", "StoredInputs",
    };

    private static readonly string[] ReservedStepNames = GeneratedNames.Concat(RuntimeRunMethods).ToArray();

    private readonly ArazzoDocument _document;
    private readonly ResolvedWorkflow _resolved;
    private readonly Workflow _workflow;
    private readonly SourceBinder _sources;
    private readonly WorkflowScope _scope;
    private readonly ExpressionBinder _expressions;
    private readonly Dictionary<string, string> _regexFields = new(StringComparer.Ordinal);
    private readonly WorkflowClients _clients;
    private readonly WorkflowCallBinder _calls;
    private readonly Dictionary<string, Typed> _outputTypes = new(StringComparer.Ordinal);
    private UniqueNames _readBackNames = new();

    // Workflow failure actions decided by one Run method, by action name; the method names end in "Applies", which no other member does.
    private readonly Dictionary<string, SharedAction> _sharedActions = new(StringComparer.Ordinal);
    private readonly UniqueNames _helperNames = new();

    private WorkflowBinder(ArazzoDocument document, ResolvedWorkflow workflow, ClientCatalog catalog, SourceBinder sources, CalledWorkflows called, DiagnosticBag diagnostics)
    {
        _document = document;
        _resolved = workflow;
        _workflow = workflow.Workflow;
        _sources = sources;
        _scope = new WorkflowScope(_workflow, catalog, diagnostics);
        _expressions = new ExpressionBinder(_scope);
        _clients = new WorkflowClients(document, sources);
        _calls = new WorkflowCallBinder(_scope, _expressions, called, _clients, CarriesSecret);
    }

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    /// <summary>Binds <paramref name="workflow"/>; <paramref name="called"/> finds the workflows its steps and actions run, already bound.</summary>
    /// <returns>The bound workflow, and what steps of other workflows need to run it; both null when it has errors.</returns>
    public static (BoundWorkflow Bound, CalledWorkflow AsCalled)? Bind(
        ArazzoDocument document, ResolvedWorkflow workflow, ClientCatalog catalog, SourceBinder sources, CalledWorkflows called, string ns, string className, DiagnosticBag diagnostics)
    {
        var binder = new WorkflowBinder(document, workflow, catalog, sources, called, diagnostics);
        return binder.Bind(ns, className) is { } bound ? (bound, binder.AsCalled(bound)) : null;
    }

    /// <summary>PascalCase(workflowId) + "Workflow" (no double suffix).</summary>
    public static string ClassNameOf(Workflow workflow)
    {
        var name = Identifiers.Pascal(workflow.WorkflowId.Value);
        return name.EndsWith("Workflow", StringComparison.Ordinal) ? name : name + "Workflow";
    }

    private BoundWorkflow? Bind(string ns, string className)
    {
        var errorsBefore = Diagnostics.ErrorCount;
        DeclareInputs($"global::{ns}.{className}.Inputs");
        var names = new UniqueNames(ReservedStepNames);
        foreach (var step in _workflow.Steps)
        {
            _scope.StepIdentifiers[step.StepId.Value] = names.Take(Identifiers.Pascal(step.StepId.Value));
        }

        _calls.ReserveNames(ReservedStepNames.Concat(_scope.StepIdentifiers.Values));
        // A read-back method (CreateModelReadBackAsync) must not meet a step's own (a step named createModelReadBack).
        _readBackNames = new UniqueNames(_scope.StepIdentifiers.Values.Select(i => i + "Async").ToArray());

        // dependsOn, and what those depend on in turn: run first, their outputs readable as $workflows.<id>.outputs.<name>.
        var dependencies = TransitiveDependencies()
            .Select(d => _calls.WithSameInputs(actionName: null, d)) // a dependsOn entry: ARZ1025 when an input is missing
            .OfType<ActionWorkflow>()
            .Select(d => d.Call.WorkflowId)
            .Distinct(StringComparer.Ordinal)
            .ToEquatableArray();

        var targets = _workflow.Steps.Select(ResolveTarget).ToList();
        for (var i = 0; i < _workflow.Steps.Count; i++)
        {
            BindStepOutputs(_workflow.Steps[i], targets[i]);
        }

        var steps = new List<BoundStep>();
        for (var i = 0; i < _workflow.Steps.Count; i++)
        {
            var next = i + 1 < _workflow.Steps.Count ? _scope.StepIdentifiers[_workflow.Steps[i + 1].StepId.Value] : null;
            var bound = targets[i] is { } target ? BindStep(_resolved.Steps[i], target, next) : null;
            if (bound is not null)
            {
                steps.Add(bound);
            }
        }

        var outputs = BindWorkflowOutputs();
        var inputs = FinishInputs();
        // A step that cannot be resolved has had its reason reported, though perhaps once for all
        // workflows (a source without a client is reported where it is declared): never emit the rest.
        if (Diagnostics.ErrorCount > errorsBefore || _calls.RunsBrokenWorkflow || targets.Any(t => t is null))
        {
            return null;
        }

        return new BoundWorkflow(
            _workflow.WorkflowId.Value,
            LocationInfo.From(_document.FilePath, _workflow.WorkflowId.Span),
            ns,
            className,
            HintName(className),
            _workflow.Summary,
            _workflow.Description,
            inputs,
            _clients.All.ToEquatableArray(),
            steps.ToEquatableArray(),
            outputs,
            _scope.ActionWorkflows.Values.Select(a => a.Bound).ToEquatableArray(),
            dependencies,
            RegexFields(),
            _scope.UsesNodeQueries,
            StateShapes.Of(_workflow.WorkflowId.Value, inputs, steps, _scope.Types),
            _sharedActions.Values.ToEquatableArray());
    }

    /// <summary>The regex fields the criteria compiled, in the order they were made (a loop: LINQ over a dictionary's pairs is JIT-compiled code in a fresh compiler).</summary>
    private EquatableArray<RegexField> RegexFields()
    {
        var fields = new List<RegexField>(_regexFields.Count);
        foreach (var field in _regexFields)
        {
            fields.Add(new RegexField(field.Value, field.Key));
        }

        return fields.ToEquatableArray();
    }

    /// <summary>
    /// This workflow's dependsOn entries, then theirs (in this document), each once: all run before
    /// its first step. Validate ruled out cycles.
    /// </summary>
    private IEnumerable<Reference> TransitiveDependencies()
    {
        var byId = DocumentIndex.For(_document).ById;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Queue<Reference>(_workflow.DependsOn);
        while (work.Count > 0)
        {
            var dependency = work.Dequeue();
            if (!seen.Add(dependency.Value))
            {
                continue;
            }

            yield return dependency;
            if (!dependency.IsQualified && byId.TryGetValue(dependency.Value, out var local))
            {
                // Where this workflow reads their outputs, the entries it names itself are reported; theirs only point here.
                foreach (var next in local.DependsOn)
                {
                    work.Enqueue(next with { Span = dependency.Span });
                }
            }
        }
    }

    private string HintName(string className)
    {
        // Unique per file and workflow: two files with the same name in different folders must not collide (CS8785).
        uint hash = 2166136261;
        foreach (var c in _document.FilePath.Replace('\\', '/'))
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return $"{className}.{hash.ToString("x8", CultureInfo.InvariantCulture)}.g.cs";
    }

    /// <summary>This workflow as a step of another workflow sees it.</summary>
    private CalledWorkflow AsCalled(BoundWorkflow bound)
    {
        var qualified = $"global::{bound.Namespace}.{bound.ClassName}";
        var inputs = CalledInputs(bound.Inputs, _scope.Inputs);
        var outputs = bound.Outputs.ToDictionary(
            o => o.Name,
            o => new StepOutputInfo(o.Property, o.Type, _outputTypes.TryGetValue(o.Name, out var typed) ? typed.Symbol : null),
            StringComparer.Ordinal);
        return new CalledWorkflow(bound.WorkflowId, qualified, inputs, outputs, bound.Clients.ToList(), bound.Dependencies.Count > 0);
    }

    private static Dictionary<string, CalledInput> CalledInputs(IEnumerable<BoundInput> inputs, IReadOnlyDictionary<string, InputInfo> declared) =>
        inputs.ToDictionary(
            i => i.Name,
            i => new CalledInput(
                i.Name,
                i.Property,
                i.Type,
                declared[i.Name].Symbol,
                i.IsRequired && i.Default is null,
                i.Default,
                i.IsSecret,
                declared[i.Name].Members is { } members ? CalledInputs(i.Members, members) : null),
            StringComparer.Ordinal);

    private void DeclareInputs(string inputsClass)
    {
        // The inputs something reads a member of: 'job' and 'job.limits' for a read of job.limits.cpu;
        // no deeper than a schema can nest (ARZ0003), however long the expression.
        var readInto = new HashSet<string>(StringComparer.Ordinal);
        foreach (var read in _resolved.InputReads)
        {
            var dot = read.IndexOf('.');
            for (var depth = 0; dot > 0 && depth < 64; depth++, dot = read.IndexOf('.', dot + 1))
            {
                readInto.Add(read.Substring(0, dot));
            }
        }

        foreach (var input in DeclareMembers(_workflow.Inputs?.Properties ?? EquatableArray<InputProperty>.Empty, "Inputs", inputsClass, string.Empty, readInto))
        {
            _scope.Inputs[input.Declaration.Name.Value] = input;
        }
    }

    /// <summary>
    /// The properties of the Inputs class, or of an object input's class (<paramref name="className"/>):
    /// an object input that declares properties and is read into becomes a class of its own, nested in
    /// the class that has it; one only ever read whole takes the type of the SDK member it fills.
    /// </summary>
    private static List<InputInfo> DeclareMembers(EquatableArray<InputProperty> properties, string className, string qualifiedClass, string pathPrefix, HashSet<string> readInto)
    {
        // A member may not be named like its enclosing class (CS0542), nor like the methods every inputs class has.
        var names = new UniqueNames(className, "Validate", "WriteState", "ReadState");
        var members = properties.Select(p => (Property: p, Name: names.Take(Identifiers.Pascal(p.Name.Value)))).ToList();
        var declared = new List<InputInfo>(members.Count);
        foreach (var (property, name) in members)
        {
            var path = pathPrefix + property.Name.Value;
            var type = property.Type switch
            {
                "string" => TypeRef.String,
                "integer" => TypeRef.Integer,
                "number" => TypeRef.Double,
                "boolean" => TypeRef.Boolean,
                _ => null, // array, object or untyped: the SDK slot it fills decides.
            };
            if (type is null && property.Properties.Count > 0 && readInto.Contains(path))
            {
                var nested = names.Take(name + "Input");
                var qualified = qualifiedClass + "." + nested;
                var inner = DeclareMembers(property.Properties, nested, qualified, path + ".", readInto);
                declared.Add(new InputInfo(property, name, new TypeRef(qualified, SdkTypeKind.InputObject, false, null, EquatableArray<string>.Empty), null)
                {
                    Path = path,
                    Class = nested,
                    Members = inner.ToDictionary(m => m.Declaration.Name.Value, StringComparer.Ordinal),
                });
                continue;
            }

            declared.Add(new InputInfo(property, name, type, null) { Path = path });
        }

        return declared;
    }

    private EquatableArray<BoundInput> FinishInputs() => Finish(_scope.Inputs.Values, secret: false);

    // A member of a secret object input is secret too: the object itself is written member by member.
    private EquatableArray<BoundInput> Finish(IEnumerable<InputInfo> inputs, bool secret) =>
        inputs.Select(input =>
        {
            var declaration = input.Declaration;
            var type = input.Type ?? TypeRef.Unknown;
            var isSecret = secret || declaration.IsWriteOnly || declaration.Format == "password";
            return new BoundInput(
                declaration.Name.Value,
                input.Property,
                type,
                declaration.IsRequired,
                DefaultOf(declaration, type),
                declaration.Description,
                isSecret && input.Members is null,
                input.Class,
                input.Members is { } members ? Finish(members.Values, isSecret) : EquatableArray<BoundInput>.Empty);
        }).ToEquatableArray();

    private LiteralBound? DefaultOf(InputProperty input, TypeRef type)
    {
        if (input.Default is not { } literal)
        {
            return null;
        }

        switch (type.Kind)
        {
            case SdkTypeKind.String:
                return LiteralBound.String(literal.Text);
            case SdkTypeKind.Integer when int.TryParse(literal.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                return new LiteralBound(LiteralSpelling.Integer, integer.ToString(CultureInfo.InvariantCulture), type);
            case SdkTypeKind.Double when double.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                return new LiteralBound(LiteralSpelling.Double, literal.Text, type);
            case SdkTypeKind.Boolean when literal.Text is "true" or "false":
                return new LiteralBound(LiteralSpelling.Boolean, literal.Text, type);
            default:
                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, literal.Span, $"the default of input '{input.Name.Value}'", $"'{literal.Text}'", $"expected {Conversions.Describe(type)}");
                return null;
        }
    }

    /// <remarks><see cref="Api"/> and <see cref="ApiOperation"/>: what the AWS model says of the operation, when a model has it.</remarks>
    private sealed record Call(string Source, string OperationId, INamedTypeSymbol Client, IMethodSymbol Method, ITypeSymbol Request, ITypeSymbol Response, AwsApi? Api, AwsOperation? ApiOperation);

    /// <summary>What a step runs: an SDK operation (<see cref="Operation"/>) or a workflow of this document (<see cref="Workflow"/>).</summary>
    private sealed record StepTarget(Call? Operation, CalledWorkflow? Workflow);

    private StepTarget? ResolveTarget(Step step)
    {
        if (step.WorkflowId is not { } workflowId)
        {
            return ResolveCall(step) is { } call ? new StepTarget(call, null) : null;
        }

        return _calls.Find(workflowId) is { } called ? new StepTarget(null, called) : null;
    }

    private Call? ResolveCall(Step step)
    {
        if (step.OperationPath is { Operation: null, HttpPath: null } path)
        {
            Diagnostics.Add(DiagnosticDescriptors.OperationPathNotAnOperation, path.Span, path.Value, "it is neither the X-Amz-Target form of AWS JSON APIs ({$sourceDescriptions.<name>.url}#/paths/~1#X-Amz-Target=<Service>.<Operation>/post) nor a path item and method (#/paths/~1{Bucket}~1{Key+}/head)");
            return null;
        }

        var named = step.OperationId is { } id ? (Located<string>)id : step.OperationPath!;
        if (_sources.SourceOf(step) is not { } source)
        {
            return null;
        }

        var client = _sources.Client(source.Source);
        if (client is null)
        {
            return null;
        }

        var method = _sources.Method(source.Source, client, source.OperationId);
        if (method is null)
        {
            var operations = _scope.Catalog.Operations(client).Select(ClientCatalog.OperationName).Distinct();
            Diagnostics.Add(DiagnosticDescriptors.UnknownOperation, named.Span, client.Name, source.OperationId, NameSuggester.Hint(source.OperationId, operations), source.Source);
            return null;
        }

        _clients.ForSource(source.Source, SdkTypes.Name(client));
        var response = ((INamedTypeSymbol)method.ReturnType).TypeArguments[0];
        var api = _scope.Catalog.ApiOf(client);
        return new Call(source.Source, source.OperationId, client, method, method.Parameters[0].Type, response, api, api?.OperationForMethod(ClientCatalog.OperationName(method)));
    }

    /// <summary>The AWS model of the API a call reaches, and of its response.</summary>
    private static (AwsApi? Api, AwsShape? Response) ResponseModel(Call call) => (call.Api, call.Api?.Shape(call.ApiOperation?.Output));

    private void BindStepOutputs(Step step, StepTarget? target)
    {
        if (target is null)
        {
            return; // Why the step cannot be called was reported; its outputs would only cascade.
        }

        var names = new UniqueNames(_scope.StepIdentifiers[step.StepId.Value] + "Result");
        var (api, responseShape) = target.Operation is { } call ? ResponseModel(call) : (null, null);
        var site = new ExpressionSite(step, target.Operation?.Response, AfterCall: true, InFailure: false, target.Workflow, api, responseShape);
        foreach (var output in step.Outputs)
        {
            var typed = BindOutputValue(output, site);
            if (typed is not null)
            {
                _scope.StepOutputs.Set(step.StepId.Value, output.Name.Value, new StepOutputInfo(names.Take(Identifiers.Pascal(output.Name.Value)), typed.Value.Type, typed.Symbol, CarriesSecret(typed.Value)));
            }
        }
    }

    private Typed? BindOutputValue(NamedExpression output, ExpressionSite site) => output.Value switch
    {
        ExpressionValue expression => _expressions.Bind(expression.Expression, site),
        TemplateValue template => new PayloadBinder(_scope, _expressions, string.Empty, string.Empty).BindTemplate(template, site) is { } text ? new Typed(text, null) : null,
        _ => null,
    };

    private BoundStep? BindStep(ResolvedStep resolved, StepTarget target, string? next)
    {
        var step = resolved.Step;
        var before = new ExpressionSite(step, null, AfterCall: false, InFailure: false);
        BoundCall bound;
        ExpressionSite after;
        WaiterDefaults.Waiter? waiter = null;
        StateChangeWait? stateChange = null;
        if (target.Operation is { } call)
        {
            bound = BindRequest(resolved, call, before);
            var (api, responseShape) = ResponseModel(call);
            after = before with { Response = call.Response, AfterCall = true, Api = api, ResponseShape = responseShape };
            var operation = ClientCatalog.OperationName(call.Method);
            waiter = WaiterDefaults.For(call.Client.Name, operation);
            stateChange = StateChangeEvents.For(call.Client.Name, operation) is { } events
                && bound is OperationCall { Request.Members: var members }
                && members.Any(m => m.Member == events.NameMember)
                    ? new StateChangeWait(events.DetailType, events.NameMember, events.FallbackSeconds)
                    : null;
        }
        else
        {
            bound = _calls.StepInputs(resolved, target.Workflow!, before);
            after = before with { AfterCall = true, Called = target.Workflow };
        }

        var criteria = new CriteriaBinder(_scope, _expressions, _regexFields);
        var success = criteria.BindAll(step.SuccessCriteria, after) ?? EquatableArray<BoundCondition>.Empty;
        var identifier = _scope.StepIdentifiers[step.StepId.Value];
        var retryDelay = waiter?.Delay ?? WaiterDefaults.FallbackRetryDelaySeconds;
        var locals = new UniqueNames(StepLocals);
        var onSuccess = BindActions(resolved.OnSuccess, step, criteria, after, retryDelay, locals);
        var onFailure = BindActions(resolved.OnFailure, step, criteria, after with { InFailure = true }, retryDelay, locals);
        var loop = StepLoops.Of(resolved.Loop, waiter, stateChange);

        var outputs = step.Outputs
            .Where(o => _scope.StepOutputs.Contains(step.StepId.Value, o.Name.Value))
            .Select(o =>
            {
                var info = _scope.StepOutputs.Get(step.StepId.Value, o.Name.Value);
                var value = BindOutputValue(o, after)!.Value;
                return new BoundStepOutput(o.Name.Value, info.Property, info.Type, value, info.IsSecret);
            })
            .ToEquatableArray();

        var readBack = target.Operation is { } created && bound is OperationCall { Request: var request } && ReadBacks.Applies(success, onSuccess)
            ? ReadBacks.Find(created.Client, created.Method, request, _scope.Catalog, (response, read) => ReadBackOutputs(step, created, response, read, after))
            : null;
        if (readBack is not null)
        {
            readBack = readBack with { MethodName = _readBackNames.Take(identifier + "ReadBackAsync") };
        }

        return new BoundStep(
            step.StepId.Value,
            identifier,
            step.Description,
            bound,
            outputs,
            success,
            onSuccess.ToEquatableArray(),
            onFailure.ToEquatableArray(),
            loop,
            next,
            SendsSecret: bound is OperationCall { Request: { } sent } && CarriesSecret(sent),
            readBack,
            step.Extras.Timeout?.Value);
    }

    /// <summary>The step's outputs read from the answer of its read-back call instead of its own; null when one is not there.</summary>
    private EquatableArray<BoundValue>? ReadBackOutputs(Step step, Call call, ITypeSymbol response, IMethodSymbol read, ExpressionSite after)
    {
        var site = after with { Response = response, Api = call.Api, ResponseShape = call.Api?.Shape(call.Api.OperationForMethod(ClientCatalog.OperationName(read))?.Output) };
        var values = new List<BoundValue>();
        foreach (var output in step.Outputs.Where(o => _scope.StepOutputs.Contains(step.StepId.Value, o.Name.Value)))
        {
            var type = _scope.StepOutputs.Get(step.StepId.Value, output.Name.Value).Type;
            var typed = Diagnostics.Quietly(() => BindOutputValue(output, site));
            if (typed?.Value.Type != type && InReadBackResponse(output, call.Response, response) is { } renamed)
            {
                typed = Diagnostics.Quietly(() => BindOutputValue(renamed, site));
            }

            if (typed?.Value is not { } value || value.Type != type)
            {
                return null;
            }

            values.Add(value);
        }

        return values.ToEquatableArray();
    }

    /// <summary>
    /// An output that reads a member of the create call's answer, moved to the read call's member of
    /// the same type: CreateTable answers a TableDescription as <c>TableDescription</c>, DescribeTable as <c>Table</c>.
    /// </summary>
    private static NamedExpression? InReadBackResponse(NamedExpression output, ITypeSymbol created, ITypeSymbol read)
    {
        if (output.Value is not ExpressionValue { Expression: { Root: ExpressionRoot.Response, HasPointer: true, Pointer.Count: > 0 } expression } value
            || SdkTypes.FindProperty(SdkTypes.ReadableProperties(created), expression.Pointer[0]) is not { } member)
        {
            return null;
        }

        var same = SdkTypes.ReadableProperties(read).Where(p => SymbolEqualityComparer.Default.Equals(p.Type, member.Type)).ToList();
        return same.Count == 1
            ? output with { Value = value with { Expression = expression with { Pointer = new[] { same[0].Name }.Concat(expression.Pointer.Skip(1)).ToEquatableArray() } } }
            : null;
    }

    // The locals of a generated step method; a retry counter must not take one of their names.
    private static readonly string[] StepLocals = { "request", "call", "response", "outputs", "workflow", "poll", "attempt", "waitingOn" };

    private OperationCall BindRequest(ResolvedStep resolved, Call call, ExpressionSite before)
    {
        var step = resolved.Step;
        var operation = call.ApiOperation;
        var input = call.Api?.Shape(operation?.Input);
        var payload = new PayloadBinder(_scope, _expressions, call.Source, call.OperationId, call.Api);
        var parameters = resolved.Parameters;
        var members = new List<WrittenMember>();
        foreach (var parameter in parameters)
        {
            if (parameter.In?.Value == "header" && string.Equals(parameter.Name.Value, "X-Amz-Target", StringComparison.OrdinalIgnoreCase))
            {
                CheckTargetHeader(parameter, call);
                continue;
            }

            if (parameter.In?.Value == "query" && operation?.FixedQuery.FirstOrDefault(q => q.Name == parameter.Name.Value) is { Name: not null } fixedQuery)
            {
                CheckFixedQuery(parameter, fixedQuery.Value, operation);
                continue;
            }

            var location = Locations.FromParameterIn(parameter.In?.Value);
            if (location is not null && input?.AtLocation(location, parameter.Name.Value) is { } member && S3CopySource.Splits(member, call.Request))
            {
                members.AddRange(S3CopySource.Members(parameter));
                continue;
            }

            members.Add(new WrittenMember(parameter.Name, parameter.Value, location));
        }

        if (step.RequestBody is { } body)
        {
            switch (body.Payload) // replacements were applied by Validate
            {
                case ObjectValue obj:
                    // Only a parameter can be the same member as a body key; two body keys that differ
                    // in case are the payload binder's to judge.
                    var fromParameters = members.Count;
                    foreach (var member in obj.Members)
                    {
                        // The API's path parameter and body key are one member of the SDK request (every
                        // public KMS workflow sends KeyId both ways): one value is kept, two different ones are an error.
                        var index = members.FindIndex(0, fromParameters, m => string.Equals(m.Key.Value, member.Key.Value, StringComparison.OrdinalIgnoreCase));
                        if (index >= 0)
                        {
                            if (!ValueNodes.SameValue(members[index].Value, member.Value))
                            {
                                var parameter = parameters.FirstOrDefault(p => p.Name.Value == members[index].Key.Value);
                                Diagnostics.Add(DiagnosticDescriptors.ParameterPayloadConflict, member.Key.Span, members[index].Key.Value, parameter?.In?.Value ?? "body");
                            }

                            members.RemoveAt(index);
                            fromParameters--;
                        }

                        members.Add(new WrittenMember(member.Key, member.Value, null));
                    }

                    break;
                case null:
                    break;
                case { } raw when input?.Members.FirstOrDefault(m => m.IsPayload && m.IsStreaming) is { } streaming:
                    // A raw body (PutObject, UploadPart): the whole payload is the operation's streaming member.
                    members.Add(new WrittenMember(new Located<string>(streaming.Name, raw.Span), raw, null));
                    break;
                case { } other:
                    Diagnostics.Add(DiagnosticDescriptors.NotAvailableFromSdk, other.Span, "payload", "AWS SDK requests are objects: write the payload as a YAML mapping of request members, not a string of raw JSON (only an operation with a streaming body, such as S3 PutObject, takes a raw payload)");
                    break;
            }
        }

        var request = payload.BindObject(call.Request, members, before, step.StepId.Span, checkRequired: true, input);
        // Idempotency tokens the workflow leaves to the SDK: a durable run sends its own, the same when it repeats the call.
        var settable = SdkTypes.SettableProperties(call.Request);
        var tokens = (input?.Members ?? Enumerable.Empty<AwsMember>())
            .Where(m => m.IsIdempotencyToken)
            .Select(m => SdkTypes.FindProperty(settable, m.DotNetName))
            .Where(p => p is { Type.SpecialType: SpecialType.System_String } && !request.Members.Any(set => set.Member == p.Name))
            .Select(p => p!.Name)
            .ToEquatableArray();
        var api = call.Api is { } service && operation is not null ? new ApiOperation(service.ServiceId, operation.Name, service.Name) : null;
        return new OperationCall(_clients.ForSource(call.Source, SdkTypes.Name(call.Client)).Property, call.Method.Name, request, tokens, api);
    }

    /// <summary>A query parameter the operation's request URI fixes (S3 ListObjectsV2's <c>list-type=2</c>): the SDK sends it; another value would be another operation.</summary>
    private void CheckFixedQuery(Parameter parameter, string value, AwsOperation operation)
    {
        if (value.Length > 0 && parameter.Value is LiteralValue literal && literal.Text != value)
        {
            Diagnostics.Add(DiagnosticDescriptors.FixedQueryParameter, parameter.Value.Span, parameter.Name.Value, operation.Name, operation.RequestUri, value, literal.Text);
        }
    }

    /// <summary>
    /// True when a value is, embeds or was derived from an input marked format: password or writeOnly,
    /// also through step outputs that carry one: masking follows the value, not the input's name.
    /// </summary>
    private bool CarriesSecret(BoundValue value) => value.Contains(v => v switch
    {
        InputBound input => ReadsSecret(input),
        StepOutputBound output => _scope.StepOutputs.Any((stepId, info) => info.IsSecret && info.Property == output.Property
            && _scope.StepIdentifiers.TryGetValue(stepId, out var identifier) && BoundStep.FieldOf(identifier) == output.StepField),
        _ => false,
    });

    /// <summary>The input, or an object input's member, or an object it is read through, is marked secret.</summary>
    private bool ReadsSecret(InputBound read)
    {
        for (var depth = read.Members.Count; depth >= 0; depth--)
        {
            var through = read with { Members = read.Members.Take(depth).ToEquatableArray() };
            if (_scope.InputRead(through) is { Declaration: { } declared } && (declared.IsWriteOnly || declared.Format == "password"))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckTargetHeader(Parameter parameter, Call call)
    {
        if (parameter.Value is not LiteralValue { Kind: LiteralKind.String } literal)
        {
            return;
        }

        var named = literal.Text.Substring(literal.Text.LastIndexOf('.') + 1);
        var operation = ClientCatalog.OperationName(call.Method);
        if (!string.Equals(named, operation, StringComparison.Ordinal))
        {
            Diagnostics.Add(DiagnosticDescriptors.TargetHeaderMismatch, literal.Span, literal.Text, named, operation);
        }
    }

    private List<BoundAction> BindActions(
        IEnumerable<ResolvedAction> actions, Step step, CriteriaBinder criteria, ExpressionSite site, double retryDelay, UniqueNames locals)
    {
        var bound = new List<BoundAction>();
        var isSuccess = !site.InFailure;
        foreach (var (action, restarts, loopsThisStep, isWorkflowAction) in actions)
        {
            var conditions = criteria.BindAll(action.Criteria, site) ?? EquatableArray<BoundCondition>.Empty;
            var kind = action.Type.Value;
            if (isSuccess && kind == ActionKind.Retry && (action.StepId ?? (action.WorkflowId is { } workflowTarget ? (Located<string>)workflowTarget : null)) is { } reference)
            {
                Diagnostics.Add(DiagnosticDescriptors.SuccessRetryWithTarget, reference.Span, step.StepId.Value, action.Name.Value, reference.Value);
                continue;
            }

            // Where a goto or retry goes; an end goes nowhere, so a stepId or workflowId on it is ignored (Validate warned, ARZ0231).
            string? workflowId = null;
            string? target = null;
            if (kind != ActionKind.End)
            {
                if (restarts)
                {
                    target = _scope.StepIdentifiers[_workflow.Steps[0].StepId.Value];
                }
                else if (action.WorkflowId is { } workflow)
                {
                    if (_calls.WithSameInputs(action.Name.Value, workflow) is not { } runs)
                    {
                        continue; // Reported, or that workflow has errors of its own.
                    }

                    workflowId = runs.Call.WorkflowId;
                }

                if (action.StepId is not null && !_scope.StepIdentifiers.TryGetValue(action.StepId.Value, out target))
                {
                    continue; // Validate reported the unknown step.
                }
            }

            if (kind == ActionKind.Retry && action.StepId?.Value == step.StepId.Value)
            {
                Diagnostics.Add(DiagnosticDescriptors.RetryRunsItsOwnStep, action.StepId.Span, step.StepId.Value, action.Name.Value);
                continue;
            }

            RetrySpec? retry = null;
            if (!isSuccess && kind == ActionKind.Retry)
            {
                // The spec: no retryLimit means one retry. A limit beyond int's range is unbounded in practice; the counters are ints.
                var limit = action.RetryLimit is { } given ? Math.Min(given.Value, int.MaxValue) : 1;
                retry = new RetrySpec(locals.Take("retries" + Identifiers.Pascal(action.Name.Value)), limit, action.RetryAfter?.Value ?? retryDelay);
            }

            var helper = !isSuccess && isWorkflowAction && step.WorkflowId is null ? Shared(action, kind, target, workflowId, conditions) : null;
            bound.Add(new BoundAction(action.Name.Value, kind, target, workflowId, loopsThisStep, retry, conditions, helper));
        }

        return bound;
    }

    /// <summary>
    /// The Run method that decides a workflow failure action for every step, when its criteria read
    /// only the call's status and error code (so they mean the same in every step) and it runs no
    /// step or workflow first; null otherwise (each step then decides it inline).
    /// </summary>
    private string? Shared(WorkflowAction action, ActionKind kind, string? target, string? workflowId, EquatableArray<BoundCondition> criteria)
    {
        var callFactsOnly = criteria.Count > 0 && criteria.SelectMany(c => c.Values()).All(v => v is LiteralBound || v is CallBound { Member: "StatusCode" or "ErrorCode" });
        if (!callFactsOnly || (kind == ActionKind.Retry && (target is not null || workflowId is not null)))
        {
            return null;
        }

        var limit = kind == ActionKind.Retry ? Math.Min(action.RetryLimit?.Value ?? 1, int.MaxValue) : (long?)null;
        if (_sharedActions.TryGetValue(action.Name.Value, out var shared))
        {
            return shared.Criteria.Equals(criteria) && shared.RetryLimit == limit ? shared.Helper : null;
        }

        var helper = _helperNames.Take(Identifiers.Pascal(action.Name.Value) + "Applies");
        _sharedActions[action.Name.Value] = new SharedAction(helper, action.Name.Value, kind, criteria, limit);
        return helper;
    }

    private EquatableArray<BoundOutput> BindWorkflowOutputs()
    {
        var names = new UniqueNames("EndStepId", "EndActionName", "LastStatusCode", "Outputs");
        var site = new ExpressionSite(null, null, AfterCall: false, InFailure: false);
        var outputs = new List<BoundOutput>();
        foreach (var output in _workflow.Outputs)
        {
            if (BindOutputValue(output, site) is { } typed)
            {
                _outputTypes[output.Name.Value] = typed;
                outputs.Add(new BoundOutput(output.Name.Value, names.Take(Identifiers.Pascal(output.Name.Value)), typed.Value.Type, typed.Value));
            }
        }

        return outputs.ToEquatableArray();
    }
}
