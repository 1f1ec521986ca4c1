using Microsoft.CodeAnalysis;

namespace ArazzoGen.Diagnostics;

/// <summary>
/// Every diagnostic ArazzoGen reports. Ids are stable: ARZ0xxx reading the document, ARZ01xx its
/// structure, ARZ02xx references and flow, ARZ03xx expressions and criteria, ARZ1xxx binding to
/// C# symbols. docs/diagnostics.md lists each one with a broken example and its fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "ArazzoGen";

    /// <summary>Where each id is explained, with a broken example and its fix (its anchor is the lower-case id).</summary>
    public const string HelpBase = "https://github.com/arazzogen/arazzogen/blob/main/docs/diagnostics.md";

    private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Info(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Info);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + "#" + id.ToLowerInvariant());

    // ---- Reading the document (ARZ00xx) ----
    public static readonly DiagnosticDescriptor YamlSyntax = Error(
        "ARZ0001", "Invalid YAML", "The workflow document is not valid YAML: {0}");

    public static readonly DiagnosticDescriptor DocumentTooLarge = Error(
        "ARZ0002", "Workflow document too large", "The workflow document has {0} characters; the limit is {1}. Split it into several documents.");

    public static readonly DiagnosticDescriptor DocumentTooDeep = Error(
        "ARZ0003", "Workflow document nested too deeply", "The workflow document nests more than {0} levels deep; flatten it");

    public static readonly DiagnosticDescriptor AliasExpansionTooLarge = Error(
        "ARZ0004", "YAML aliases expand too far", "YAML aliases in the workflow document expand to more than {0} nodes (an alias bomb?); repeat less through aliases");

    public static readonly DiagnosticDescriptor DocumentTooManyNodes = Error(
        "ARZ0009", "Workflow document has too many nodes", "The workflow document has more than {0} nodes; split it into several documents");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "ARZ0005", "Duplicate key", "Key '{0}' appears more than once in this mapping; remove or rename one of them");

    public static readonly DiagnosticDescriptor InvalidCharacters = Warning(
        "ARZ0006", "Undecodable characters", "The workflow document contains characters that could not be decoded (U+FFFD); save it as UTF-8");

    public static readonly DiagnosticDescriptor NonScalarKey = Error(
        "ARZ0007", "Mapping key is not a string", "Mapping keys must be plain strings");

    public static readonly DiagnosticDescriptor MultipleDocuments = Warning(
        "ARZ0008", "Several YAML documents in one file", "This file holds several YAML documents; ArazzoGen reads the first that is not empty. Put each Arazzo document in its own file.");

    public static readonly DiagnosticDescriptor LooksLikeArazzo = Error(
        "ARZ0010", "Looks like an Arazzo document but is not read as one", "This file has an 'arazzo:' line but its root has no arazzo field, so nothing is compiled from it: {0}");

    public static readonly DiagnosticDescriptor ByteOrderMark = Warning(
        "ARZ0011", "Byte order mark inside the text", "The file has a byte order mark (U+FEFF) {0}; it is ignored. Save the file as UTF-8 with one byte order mark, or none.");

    // ---- Structure (ARZ01xx) ----
    public static readonly DiagnosticDescriptor UnsupportedVersion = Error(
        "ARZ0101", "Unsupported Arazzo version", "Arazzo version '{0}' is not supported; use 1.0.x or 1.1.x");

    public static readonly DiagnosticDescriptor MissingField = Error(
        "ARZ0102", "Missing required field", "{0} is missing its required field '{1}'");

    public static readonly DiagnosticDescriptor WrongType = Error(
        "ARZ0103", "Field has the wrong type", "'{0}' must be {1}");

    public static readonly DiagnosticDescriptor UnknownField = Warning(
        "ARZ0104", "Unknown field", "{0} has no field '{1}'{2} (extensions must start with 'x-')");

    public static readonly DiagnosticDescriptor InvalidEnumValue = Error(
        "ARZ0105", "Invalid value", "'{0}' is not a valid {1}; expected one of: {2}");

    public static readonly DiagnosticDescriptor NameNotRecommended = Warning(
        "ARZ0106", "Identifier does not match the recommended pattern", "{0} '{1}' should match [A-Za-z0-9_-]+ so every tool can refer to it");

    public static readonly DiagnosticDescriptor InvalidKey = Error(
        "ARZ0107", "Invalid key", "{0} '{1}' must match ^[a-zA-Z0-9.\\-_]+$");

    public static readonly DiagnosticDescriptor EmptyList = Error(
        "ARZ0108", "List must not be empty", "'{0}' must contain at least one entry");

    public static readonly DiagnosticDescriptor InvalidNumber = Error(
        "ARZ0109", "Invalid number", "'{0}' must be {1}");

    public static readonly DiagnosticDescriptor RequiredInputNotDeclared = Error(
        "ARZ0110", "Required input not declared", "'{0}' is listed in inputs.required but is not one of the inputs' properties{1}");

    public static readonly DiagnosticDescriptor InputTypesDisagree = Error(
        "ARZ0111", "Input declared with two types", "Input '{0}' is declared here as {1} and on line {3} as {2}; allOf asks for both, so no value fits");

    public static readonly DiagnosticDescriptor NewerThanDeclaredVersion = Warning(
        "ARZ0113", "Arazzo 1.1 field in an earlier document", "{0} is Arazzo 1.1, and this document declares arazzo {1}; it is compiled as 1.1 says (declare 'arazzo: 1.1.0')");

    public static readonly DiagnosticDescriptor InputsSchemaCycle = Error(
        "ARZ0112", "Inputs schemas refer to each other in a cycle", "The inputs schema refers back to itself through $ref or allOf ({0}), so its properties never end");

    // ---- References and flow (ARZ02xx) ----
    public static readonly DiagnosticDescriptor DuplicateWorkflowId = Error(
        "ARZ0201", "Duplicate workflowId", "workflowId '{0}' is already used by another workflow in this document");

    public static readonly DiagnosticDescriptor DuplicateStepId = Error(
        "ARZ0202", "Duplicate stepId", "stepId '{0}' is already used by another step of workflow '{1}'");

    public static readonly DiagnosticDescriptor DuplicateActionName = Error(
        "ARZ0203", "Duplicate action name", "Action name '{0}' is already used in this list of actions");

    public static readonly DiagnosticDescriptor DuplicateSourceName = Error(
        "ARZ0204", "Duplicate source description name", "Source description '{0}' is already defined");

    public static readonly DiagnosticDescriptor UnknownStepTarget = Error(
        "ARZ0205", "Unknown step", "Workflow '{0}' has no step '{1}'{2}");

    public static readonly DiagnosticDescriptor UnknownWorkflowTarget = Error(
        "ARZ0206", "Unknown workflow", "This document has no workflow '{0}'{1}");

    public static readonly DiagnosticDescriptor UnknownStepOutput = Error(
        "ARZ0207", "Unknown step output", "Step '{0}' has no output '{1}'{2}");

    public static readonly DiagnosticDescriptor StepNeverRunBefore = Error(
        "ARZ0208", "Step cannot have run yet", "'{0}' refers to step '{1}', which can never have run before {2} on any path through the workflow");

    public static readonly DiagnosticDescriptor UnknownInput = Error(
        "ARZ0209", "Unknown input", "Workflow '{0}' declares no input '{1}'{2}");

    public static readonly DiagnosticDescriptor UnknownWorkflowMember = Error(
        "ARZ0210", "Unknown workflow input or output", "Workflow '{0}' has no {1} '{2}'{3}");

    public static readonly DiagnosticDescriptor UnknownComponent = Error(
        "ARZ0211", "Unknown component", "components.{0} has no entry '{1}'{2}");

    public static readonly DiagnosticDescriptor UnknownSourceDescription = Error(
        "ARZ0212", "Unknown source description", "This document has no source description '{0}'{1}");

    public static readonly DiagnosticDescriptor UnknownDependency = Error(
        "ARZ0213", "Unknown dependency", "dependsOn names '{0}', which is not a workflow of this document{1}");

    public static readonly DiagnosticDescriptor CyclicDependency = Error(
        "ARZ0214", "Cyclic dependsOn", "Workflow '{0}' depends on itself through dependsOn: {1}");

    public static readonly DiagnosticDescriptor ExclusiveStepTarget = Error(
        "ARZ0215", "Step must call exactly one thing", "A step must have exactly one of operationId, operationPath or workflowId; this one has {0}");

    public static readonly DiagnosticDescriptor ExclusiveActionTarget = Error(
        "ARZ0216", "Action has both stepId and workflowId", "Action '{0}' has both stepId and workflowId; keep one");

    public static readonly DiagnosticDescriptor RetryFieldOnNonRetry = Error(
        "ARZ0217", "retryAfter/retryLimit on a non-retry action", "'{0}' only applies to actions of type 'retry'; action '{1}' is of type '{2}'");

    public static readonly DiagnosticDescriptor GotoWithoutTarget = Error(
        "ARZ0218", "goto without a target", "Action '{0}' of type 'goto' needs a stepId or a workflowId");

    public static readonly DiagnosticDescriptor RetrySuccessAction = Warning(
        "ARZ0219", "retry is not a success action", "Success action '{0}' has type 'retry', which Arazzo 1.0.1 allows only in onFailure/failureActions; it is compiled as a bounded poll of this step. Use a 'goto' back to the step to say the same in valid Arazzo.");

    public static readonly DiagnosticDescriptor UnqualifiedOperationId = Warning(
        "ARZ0220", "Unqualified operationId with several sources", "operationId '{0}' does not say which of the {1} source descriptions it belongs to; write '$sourceDescriptions.<name>.{0}'");

    public static readonly DiagnosticDescriptor DuplicateParameter = Error(
        "ARZ0221", "Duplicate parameter", "Parameter '{0}' in '{1}' is given more than once");

    public static readonly DiagnosticDescriptor UnknownWorkflowOutputRef = Error(
        "ARZ0222", "Unknown workflow output", "Workflow '{0}' has no output '{1}'{2}");

    public static readonly DiagnosticDescriptor ParameterInRequired = Error(
        "ARZ0223", "Parameter location required", "Parameter '{0}' of an operation step needs 'in' (path, query, header or cookie)");

    public static readonly DiagnosticDescriptor UnreachableStep = Warning(
        "ARZ0224", "Step is never reached", "Step '{0}' can never run: no path through workflow '{1}' leads to it");

    public static readonly DiagnosticDescriptor DuplicateCriterion = Warning(
        "ARZ0225", "Duplicate criterion", "This criterion repeats an earlier one in the same list; remove it");

    public static readonly DiagnosticDescriptor DuplicateReplacementTarget = Error(
        "ARZ0226", "Duplicate replacement target", "Replacement target '{0}' is given more than once; the second would silently win");

    public static readonly DiagnosticDescriptor GotoCycleWithoutEnd = Warning(
        "ARZ0227", "goto cycle with no way out", "Step{0} {1} of workflow '{2}' can never end the workflow: every path from {3} loops through goto actions without reaching an end. At run time WorkflowOptions.StepBudget stops it; add an 'end' action or a way on to a later step.");

    public static readonly DiagnosticDescriptor MissingWorkflowInput = Error(
        "ARZ0228", "Required input not passed", "Step '{0}' runs workflow '{1}' without its required input{2} {3}; add {4} to the step's parameters");

    public static readonly DiagnosticDescriptor WorkflowCallCycle = Error(
        "ARZ0229", "Workflows run each other in a cycle", "Workflow '{0}' runs itself again through its steps or actions ({1}); each run would start another inside it, without end");

    public static readonly DiagnosticDescriptor DuplicateDependency = Error(
        "ARZ0230", "Duplicate dependsOn entry", "'{0}' is listed more than once in dependsOn");

    public static readonly DiagnosticDescriptor TargetOnEndAction = Warning(
        "ARZ0231", "Target on an end action", "Action '{0}' is of type end, so its {1} '{2}' is ignored; only goto and retry actions go somewhere");

    public static readonly DiagnosticDescriptor MalformedOperationPath = Error(
        "ARZ0232", "operationPath not in the spec's form", "operationPath '{0}' must be a JSON Pointer into a source description's document: '{{$sourceDescriptions.<name>.url}}#/paths/<path>/<method>'");

    public static readonly DiagnosticDescriptor NotAnArazzoSource = Error(
        "ARZ0233", "Workflow in a source that is not arazzo", "'{0}' names source description '{1}', which is of type {2}; workflows of other documents come from sources of type arazzo");

    public static readonly DiagnosticDescriptor AsyncApiStep = Error(
        "ARZ0234", "AsyncAPI step", "Step '{0}' {1}: ArazzoGen compiles calls to AWS SDK operations, and AsyncAPI channels and messages are not among them");

    public static readonly DiagnosticDescriptor StepDependencyNotBefore = Error(
        "ARZ0235", "Step dependency that has not run", "Step '{0}' depends on '{1}', {2}; ArazzoGen runs a workflow's steps in order, so a dependency must be a step that always runs before it");

    // ---- Expressions and criteria (ARZ03xx) ----
    public static readonly DiagnosticDescriptor MalformedExpression = Error(
        "ARZ0301", "Malformed runtime expression", "'{0}' is not a valid runtime expression: {1}");

    public static readonly DiagnosticDescriptor MalformedCondition = Error(
        "ARZ0302", "Malformed condition", "Condition '{0}' cannot be parsed: {1}");

    public static readonly DiagnosticDescriptor InvalidRegex = Error(
        "ARZ0303", "Invalid regular expression", "Pattern '{0}' is not a valid regular expression: {1}");

    public static readonly DiagnosticDescriptor CriterionTypeWithoutContext = Error(
        "ARZ0304", "Criterion type without context", "A criterion of type '{0}' needs a 'context' expression to evaluate against");

    public static readonly DiagnosticDescriptor UnsupportedCriterionType = Error(
        "ARZ0305", "Unsupported criterion type", "Criterion type '{0}' is not supported: {1}");

    public static readonly DiagnosticDescriptor ExpressionNotAvailable = Warning(
        "ARZ0306", "Expression has no value here", "'{0}' has no value in {1}; it is compiled as null");

    public static readonly DiagnosticDescriptor BodyReadWithDots = Warning(
        "ARZ0308", "Body read with dots", "'{0}' reads the body with dots, where the ABNF has a JSON Pointer; it is compiled as '{1}'");

    public static readonly DiagnosticDescriptor SelectorNotCompiled = Error(
        "ARZ0307", "Selector Object not compiled", "This Selector Object is not compiled: {0}");

    // ---- Binding to AWS SDK types (ARZ1xxx) ----
    public static readonly DiagnosticDescriptor NoSdkCore = Error(
        "ARZ1000", "AWS SDK not referenced", "Workflow '{0}' calls AWS operations, but the project does not reference AWSSDK.Core; add the AWS SDK package of the service it calls");

    public static readonly DiagnosticDescriptor NoClientForSource = Error(
        "ARZ1001", "No AWS SDK client for a source description", "No AWS SDK client interface has the operations {1} of source description '{0}'{2}; reference the service's AWS SDK package, or bind it with [assembly: ArazzoSource(\"{0}\", typeof(IAmazonX))] and map differing operation ids with [assembly: ArazzoOperation(\"{0}\", \"<operationId>\", \"<SdkMethod>\")]");

    public static readonly DiagnosticDescriptor AmbiguousClient = Error(
        "ARZ1002", "Several AWS SDK clients fit a source description", "Source description '{0}' fits several client interfaces ({1}); choose one with [assembly: ArazzoSource(\"{0}\", typeof(...))]");

    public static readonly DiagnosticDescriptor UnknownOperation = Error(
        "ARZ1003", "Unknown operation", "{0} has no operation '{1}'{2}; if the SDK names it differently, map it with [assembly: ArazzoOperation(\"{3}\", \"{1}\", \"<SdkMethod>\")]");

    public static readonly DiagnosticDescriptor TargetHeaderMismatch = Error(
        "ARZ1004", "X-Amz-Target does not match the operation", "X-Amz-Target '{0}' names operation '{1}', but the step calls '{2}'");

    public static readonly DiagnosticDescriptor UnknownRequestMember = Error(
        "ARZ1005", "Unknown request member", "{0} has no member '{1}'{2}");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Warning(
        "ARZ1006", "Value not among the SDK's known values", "'{0}' is not a known {1} value ({2}); it is sent as written (AWS may have added it after this SDK version)");

    public static readonly DiagnosticDescriptor MissingRequiredMember = Warning(
        "ARZ1007", "Required request member not set", "{0} requires '{1}', which this step does not set; the call will fail unless the service has a default");

    public static readonly DiagnosticDescriptor ConstraintViolated = Error(
        "ARZ1008", "Value breaks the SDK's constraint", "'{0}' of {1} must have {2}; this value has {3}");

    public static readonly DiagnosticDescriptor TypeMismatch = Error(
        "ARZ1009", "Value does not fit the member", "{0} cannot hold {1} ({2})");

    public static readonly DiagnosticDescriptor NotAvailableFromSdk = Error(
        "ARZ1010", "Not available through the AWS SDK", "'{0}' cannot be compiled: {1}");

    public static readonly DiagnosticDescriptor UntranslatableCriterion = Error(
        "ARZ1011", "Criterion cannot be compiled", "Condition '{0}' cannot be compiled: {1}");

    public static readonly DiagnosticDescriptor OperationPathNotAnOperation = Error(
        "ARZ1012", "operationPath names no AWS operation", "operationPath '{0}' names no AWS operation: {1}");

    public static readonly DiagnosticDescriptor UnknownResponseMember = Error(
        "ARZ1013", "Unknown response member", "{0} has no member '{1}'{2}");

    public static readonly DiagnosticDescriptor PayloadMemberRemapped = Info(
        "ARZ1014", "Payload member dropped or remapped", "Payload member '{0}' of {1} is {2} by [assembly: ArazzoPayloadMember]");

    public static readonly DiagnosticDescriptor UnqualifiedOperationAmbiguous = Error(
        "ARZ1015", "Unqualified operationId fits several sources", "operationId '{0}' exists in several source descriptions, so it must say which: write {1}");

    public static readonly DiagnosticDescriptor InputTypeConflict = Error(
        "ARZ1016", "Input used as two different types", "Input '{0}' is used as {1} here but as {2} earlier; give it an explicit schema type or use two inputs");

    public static readonly DiagnosticDescriptor ClassNameCollision = Warning(
        "ARZ1017", "Two workflows map to one class name", "Workflow '{0}' maps to the class name {1}, like workflow '{2}' ({3}); {4}");

    public static readonly DiagnosticDescriptor ActionWorkflowInputMissing = Error(
        "ARZ1018", "Workflow run by an action lacks an input", "Action '{0}' runs workflow '{1}', which requires input{2} {3}; actions pass no parameters, so workflow '{4}' must have input{2} of the same name");

    public static readonly DiagnosticDescriptor ReplacementNotApplicable = Error(
        "ARZ1019", "Replacement target cannot be applied", "Replacement target '{0}' cannot be applied to the payload: {1}");

    public static readonly DiagnosticDescriptor UnqualifiedOperationUnknown = Error(
        "ARZ1021", "Unqualified operationId fits no source", "operationId '{0}' is not an operation of any source description's client{1}; with several source descriptions ({2}) an operationId must say which: write '$sourceDescriptions.<name>.{0}'");

    public static readonly DiagnosticDescriptor NoOpenApiSource = Error(
        "ARZ1022", "No API source description", "Step '{0}' calls operation '{1}', but the document has no source description of type openapi to call it on; add one for the AWS service (type: openapi), or qualify the operationId with one");

    public static readonly DiagnosticDescriptor WorkflowNotGenerated = Error(
        "ARZ1023", "Workflow not generated", "Workflow '{0}' is not generated: {1}");

    public static readonly DiagnosticDescriptor FixedQueryParameter = Error(
        "ARZ1031", "Query parameter fixed by the operation", "Query parameter '{0}' is fixed by {1}'s request URI ({2}) to '{3}', and the SDK sends it so; '{4}' would be another operation");

    public static readonly DiagnosticDescriptor SecretIntoPlainInput = Error(
        "ARZ1032", "A secret passed into an input that is not secret", "Input '{0}' of workflow '{1}' receives a secret (a value from an input marked format: password or writeOnly), but '{1}' does not mark '{0}' secret, so it would log and report the value; declare '{0}' there with format: password or writeOnly: true");

    public static readonly DiagnosticDescriptor UntypedCalledInput = Error(
        "ARZ1033", "Value passed to an input without a type", "Workflow '{0}' gives input '{1}' no schema type and uses it nowhere that decides one, so the value passed to it cannot be checked; give that input a schema type");

    public static readonly DiagnosticDescriptor UntypedInputUse = Error(
        "ARZ1034", "Input without a type used where nothing decides one", "Input '{0}' has no schema type, and nothing decides one here (no SDK member takes it); give the input a schema type, or use it where an SDK member decides its type");

    public static readonly DiagnosticDescriptor NotExpressibleAsStateMachine = Warning(
        "ARZ1035", "Workflow cannot be written as a Step Functions state machine", "Workflow '{0}' gets no state machine definition: Amazon States Language (JSONPath) cannot express {1}; the C# class is generated as usual");

    public static readonly DiagnosticDescriptor ParameterPayloadConflict = Error(
        "ARZ1024", "Parameter and payload set one member to different values", "Parameter '{0}' (in: {1}) and the payload both set '{0}', to different values; the SDK request has one member for it: keep one of them, or give both the same value");

    public static readonly DiagnosticDescriptor DependencyInputMissing = Error(
        "ARZ1025", "Dependency lacks an input", "Workflow '{0}' depends on workflow '{1}', which requires input{2} {3}; dependsOn passes no parameters, so workflow '{0}' must have input{2} of the same name");

    public static readonly DiagnosticDescriptor ArazzoSourceNotAdditionalFile = Error(
        "ARZ1020", "Document of an arazzo source is not an AdditionalFile", "Source '{0}' points at '{1}', which is not one of this project's AdditionalFiles; add it (<AdditionalFiles Include=\"...\" />) so its workflows are compiled too");

    public static readonly DiagnosticDescriptor SuccessRetryWithTarget = Error(
        "ARZ1026", "A success retry cannot run a step or workflow first", "Step '{0}' has success action '{1}' of type retry, which is compiled as a poll of this step (ARZ0219) and cannot run '{2}' first; use a failure retry, or a goto");

    public static readonly DiagnosticDescriptor RetryRunsItsOwnStep = Error(
        "ARZ1027", "A retry runs the step it retries", "Step '{0}' has retry action '{1}', which runs this same step before retrying it; drop stepId for a plain retry");

    public static readonly DiagnosticDescriptor ArazzoSourceHasErrors = Error(
        "ARZ1028", "Document of an arazzo source has errors", "Source '{0}' points at '{1}', which has errors (reported in that file); its workflows cannot be run until they are fixed");

    public static readonly DiagnosticDescriptor ExternalWorkflowHasErrors = Error(
        "ARZ1029", "Workflow of another document has errors", "Workflow '{0}' of source '{1}' has errors (reported in '{2}'); it cannot be run until they are fixed");

    public static readonly DiagnosticDescriptor DocumentCycle = Error(
        "ARZ1030", "Documents run each other's workflows in a cycle", "Source '{0}' leads back to this document through the workflows it runs; documents that run each other's workflows form a cycle, which ArazzoGen does not compile");
}
