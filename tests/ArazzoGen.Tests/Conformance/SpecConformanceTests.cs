using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Tests.Validate;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// One small document per MUST / SHOULD of Arazzo 1.0.1 that a tool can check without calling
/// anything, each named after the spec's sentence: the valid form is accepted (no error), the
/// invalid one rejected with exactly the expected diagnostic (a SHOULD is a warning, never an error).
/// Each edits <see cref="DiagnosticCatalogueTests.ValidDocument"/>.
/// </summary>
public class SpecConformanceTests
{
    /// <summary>(the spec's sentence, the text to find, its valid replacement, its invalid replacement, the diagnostic the invalid one gets).</summary>
    public static TheoryData<string, string, string, string, string> Rules => new()
    {
        { "arazzo: This string MUST be the version number of the Arazzo Specification", "arazzo: 1.0.1", "arazzo: 1.0.0", "arazzo: 2.0.0", "ARZ0101" },
        { "info: REQUIRED; title: REQUIRED", "  title: Test\n", "  title: Another\n", "", "ARZ0102" },
        { "info.version: REQUIRED", "  version: 1.0.0\n", "  version: 2.1.0\n", "", "ARZ0102" },
        { "sourceDescriptions: The list MUST have at least one entry", "sourceDescriptions:\n- name: api\n  url: ./api.yaml\n  type: openapi", "sourceDescriptions:\n- name: api\n  url: ./api.yaml", "sourceDescriptions: []", "ARZ0108" },
        { "Source Description name: REQUIRED. A unique name for the source description", "  type: openapi", "  type: openapi\n- name: other\n  url: ./other.yaml\n  type: arazzo", "  type: openapi\n- name: api\n  url: ./other.yaml", "ARZ0204" },
        { "Source Description name: it is RECOMMENDED to follow common programming naming conventions ([A-Za-z0-9_\\-]+)", "- name: api", "- name: my_api-2", "- name: my api", "ARZ0106" },
        { "Source Description url: REQUIRED", "  url: ./api.yaml\n", "  url: https://example.com/api.yaml\n", "", "ARZ0102" },
        { "workflowId: The id MUST be unique amongst all workflows described in the Arazzo Description", "  outputs:\n    status: $steps.second.outputs.status", "  outputs:\n    status: $steps.second.outputs.status\n- workflowId: Flow\n  steps:\n  - stepId: only\n    operationId: CreateThing", "  outputs:\n    status: $steps.second.outputs.status\n- workflowId: flow\n  steps:\n  - stepId: only\n    operationId: CreateThing", "ARZ0201" },
        { "workflowId: SHOULD conform to the regular expression [A-Za-z0-9_\\-]+", "- workflowId: flow", "- workflowId: flow_2-b", "- workflowId: 'flow 2'", "ARZ0106" },
        { "dependsOn: Each value provided MUST be a workflowId", "- workflowId: flow", "- workflowId: flow\n  dependsOn: []", "- workflowId: flow\n  dependsOn: [ghost]", "ARZ0213" },
        { "dependsOn: a workflow in another document MUST be referenced through a sourceDescription of type arazzo", "- workflowId: flow", "- workflowId: flow\n  x-note: no dependencies", "- workflowId: flow\n  dependsOn: [$sourceDescriptions.api.setup]", "ARZ0233" },
        { "dependsOn: A list of workflows (each once)", "- workflowId: flow", "- workflowId: other\n  steps:\n  - stepId: only\n    operationId: $sourceDescriptions.api.CreateThing\n- workflowId: flow\n  dependsOn: [other]", "- workflowId: other\n  steps:\n  - stepId: only\n    operationId: $sourceDescriptions.api.CreateThing\n- workflowId: flow\n  dependsOn: [other, other]", "ARZ0230" },
        { "Workflow outputs: The name MUST use keys that match the regular expression ^[a-zA-Z0-9\\.\\-_]+$", "  outputs:\n    status: $steps", "  outputs:\n    status.v-1_x: $steps", "  outputs:\n    sta tus: $steps", "ARZ0107" },
        { "stepId: The stepId MUST be unique amongst all steps described in the workflow", "  outputs:\n    status: $steps.second.outputs.status", "  - stepId: third\n    operationId: CreateThing\n  outputs:\n    status: $steps.second.outputs.status", "  - stepId: first\n    operationId: CreateThing\n  outputs:\n    status: $steps.second.outputs.status", "ARZ0202" },
        { "operationId, operationPath and workflowId are mutually exclusive", "    operationId: DescribeThing", "    operationId: DescribeThing", "    operationId: DescribeThing\n    workflowId: flow", "ARZ0215" },
        { "operationPath: a reference to a Source Description Object combined with a JSON Pointer", "    operationId: DescribeThing", "    operationPath: '{$sourceDescriptions.api.url}#/paths/~1things/get'", "    operationPath: '#/paths/~1things/get'", "ARZ0232" },
        { "Parameter in: the in field MUST be specified when the step calls an operation", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      in: query\n      value: 1", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      value: 1", "ARZ0223" },
        { "Parameter in: Possible values are path, query, header or cookie", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      in: cookie\n      value: 1", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      in: body\n      value: 1", "ARZ0105" },
        { "Step parameters: The list MUST NOT include duplicate parameters", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      in: query\n      value: 1\n    - name: Id\n      in: header\n      value: 2", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      in: query\n      value: 1\n    - name: Id\n      in: query\n      value: 2", "ARZ0221" },
        { "Success Action type: Possible values are end or goto (retry is accepted as a poll with a warning)", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end", "      status: $response.body#/Status\n    onSuccess:\n    - name: poll\n      type: retry\n      retryAfter: 5\n      criteria:\n      - condition: $statusCode == 202", "ARZ0219" },
        { "Success Action stepId: The referenced stepId MUST be within the current workflow", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: again\n      type: goto\n      stepId: first", "      status: $response.body#/Status\n    onSuccess:\n    - name: again\n      type: goto\n      stepId: third", "ARZ0205" },
        { "Success Action workflowId: referencing an existing workflow", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: restart\n      type: goto\n      workflowId: flow", "      status: $response.body#/Status\n    onSuccess:\n    - name: other\n      type: goto\n      workflowId: elsewhere", "ARZ0206" },
        { "Success Action: workflowId and stepId are mutually exclusive", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: both\n      type: goto\n      stepId: first\n      criteria:\n      - condition: $statusCode == 201", "      status: $response.body#/Status\n    onSuccess:\n    - name: both\n      type: goto\n      workflowId: flow\n      stepId: first\n      criteria:\n      - condition: $statusCode == 201", "ARZ0216" },
        { "Success Action stepId/workflowId: only relevant when the type field value is goto", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end\n      stepId: nowhere", "ARZ0231" },
        { "Success Action name: REQUIRED (unique in its list)", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end\n    - name: Done\n      type: end", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end\n    - name: done\n      type: end", "ARZ0203" },
        { "Failure Action retryAfter: A non-negative decimal", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      retryAfter: 0.5", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      retryAfter: -1", "ARZ0109" },
        { "Failure Action retryLimit: A non-negative integer", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      retryLimit: 0", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      retryLimit: -2", "ARZ0109" },
        { "Failure Action retryAfter/retryLimit: This field only applies when the type field value is retry", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      retryAfter: 5", "      status: $response.body#/Status\n    onFailure:\n    - name: stop\n      type: end\n      retryAfter: 5", "ARZ0217" },
        { "Failure Action goto: requires a stepId or workflowId", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onFailure:\n    - name: back\n      type: goto\n      stepId: first", "      status: $response.body#/Status\n    onFailure:\n    - name: back\n      type: goto", "ARZ0218" },
        { "Failure Action retry stepId: The referenced stepId MUST be within the current workflow", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      stepId: first", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      stepId: zero", "ARZ0205" },
        { "Reusable Object reference: REQUIRED; a Runtime Expression to the desired object", "    operationId: DescribeThing", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - reference: $components.parameters.missing", "ARZ0211" },
        { "Components: keys MUST match the regular expression ^[a-zA-Z0-9\\.\\-_]+$", "workflows:", "components:\n  parameters:\n    region.v1:\n      name: Region\n      in: header\n      value: x\nworkflows:", "components:\n  parameters:\n    region v1:\n      name: Region\n      in: header\n      value: x\nworkflows:", "ARZ0107" },
        { "Criterion context: If type is specified, then the context MUST be provided", "    - condition: $statusCode == 200", "    - condition: $.Id != null\n      context: $response.body\n      type: jsonpath", "    - condition: $.Id != null\n      type: jsonpath", "ARZ0304" },
        { "Criterion condition: simple conditions use the spec's operators", "    - condition: $statusCode == 200", "    - condition: $statusCode >= 200 && $statusCode < 300", "    - condition: $statusCode = 200", "ARZ0302" },
        { "Criterion (regex): the condition is a regular expression", "    - condition: $statusCode == 200", "    - condition: ^ok\n      context: $response.body#/Id\n      type: regex", "    - condition: ^(ok\n      context: $response.body#/Id\n      type: regex", "ARZ0303" },
        { "Criterion Expression Type Object: type jsonpath with version draft-goessner-dispatch-jsonpath-00", "    - condition: $statusCode == 200", "    - condition: $.Id != null\n      context: $response.body\n      type:\n        type: jsonpath\n        version: draft-goessner-dispatch-jsonpath-00", "    - condition: $.Id != null\n      context: $response.body\n      type:\n        type: jsonpath\n        version: rfc-9999", "ARZ0105" },
        { "Runtime expressions: $inputs.<name> names a declared input", "Name: $inputs.name", "Name: $inputs.name", "Name: $inputs.nmae", "ARZ0209" },
        { "Runtime expressions: $steps.<stepId>.outputs.<name> names a step output", "Id: $steps.first.outputs.id", "Id: $steps.first.outputs.id", "Id: $steps.first.outputs.idd", "ARZ0207" },
        { "Runtime expressions: the ABNF (expression = \"$url\" / \"$method\" / \"$statusCode\" / ...)", "Name: $inputs.name", "Name: $inputs.name", "Name: $inputz.name", "ARZ0301" },
        { "Keys used in YAML maps MUST be limited to a scalar string", "  title: Test", "  title: Test", "  title: Test\n  ? [a, b]\n  : value", "ARZ0007" },
        { "Specification Extensions: The field name MUST begin with x- (warning: a field the spec does not define is ignored)", "- workflowId: flow", "- workflowId: flow\n  x-internal-id: 42", "- workflowId: flow\n  internal-id: 42", "ARZ0104" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_valid_form_is_accepted_and_the_invalid_one_rejected_with_exactly_its_diagnostic(string rule, string find, string valid, string invalid, string id)
    {
        Assert.Contains(find, DiagnosticCatalogueTests.ValidDocument);

        var accepted = GeneratorRunner.Diagnose(DiagnosticCatalogueTests.ValidDocument.Replace(find, valid));
        var rejected = GeneratorRunner.Diagnose(DiagnosticCatalogueTests.ValidDocument.Replace(find, invalid));

        Assert.True(!accepted.Any(d => d.Severity == DiagnosticSeverity.Error), $"{rule}: the valid form reports\n{string.Join("\n", accepted)}");
        var severity = rejected.FirstOrDefault(d => d.Id == id)?.Severity;
        // Exactly the expected diagnostic: the only error of an invalid MUST, the only report of a SHOULD.
        var reported = rejected.Where(d => d.Severity >= (severity == DiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning)).Select(d => d.Id).Distinct().ToList();
        Assert.True(reported.SequenceEqual(new[] { id }), $"{rule}: expected exactly {id}; got\n{string.Join("\n", rejected)}");
        Assert.True(rule.Contains("SHOULD", StringComparison.Ordinal) || rule.Contains("RECOMMENDED", StringComparison.Ordinal) || rule.Contains("warning", StringComparison.Ordinal) || rule.Contains("only relevant", StringComparison.Ordinal)
            ? severity == DiagnosticSeverity.Warning
            : severity == DiagnosticSeverity.Error, $"{rule}: {id} is a {severity}");
    }

    [Fact]
    public void The_suite_counts_what_it_checks()
    {
        // Every rule has an accepted and a rejected form: the note on the issue quotes these numbers.
        Assert.True(Rules.Count() >= 40, $"{Rules.Count()} rules");
    }
}
