using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Validate;

/// <summary>
/// One broken document per diagnostic: each must report its id exactly where the '§' marks.
/// Each case edits <see cref="ValidDocument"/>, which on its own reports nothing.
/// </summary>
public class DiagnosticCatalogueTests
{
    internal const string ValidDocument = """
        arazzo: 1.0.1
        info:
          title: Test
          version: 1.0.0
        sourceDescriptions:
        - name: api
          url: ./api.yaml
          type: openapi
        workflows:
        - workflowId: flow
          inputs:
            type: object
            required: [name]
            properties:
              name:
                type: string
          steps:
          - stepId: first
            operationId: CreateThing
            requestBody:
              payload:
                Name: $inputs.name
            successCriteria:
            - condition: $statusCode == 200
            outputs:
              id: $response.body#/Id
          - stepId: second
            operationId: DescribeThing
            requestBody:
              payload:
                Id: $steps.first.outputs.id
            outputs:
              status: $response.body#/Status
          outputs:
            status: $steps.second.outputs.status
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        // Reading the document
        { "ARZ0001", "  version: 1.0.0", "  version: 1.0.0\n §- bad" },
        { "ARZ0005", "  title: Test", "  title: Test\n  §title: Again" },
        { "ARZ0007", "  title: Test", "  title: Test\n  ? §[a, b]\n  : value" },
        // Structure
        { "ARZ0101", "arazzo: 1.0.1", "arazzo: §2.0.0" },
        { "ARZ0102", "  title: Test\n  version: 1.0.0", "  §version: 1.0.0" },
        { "ARZ0103", "  outputs:\n    status: $steps.second.outputs.status", "  outputs: §[a, b]" },
        { "ARZ0104", "    operationId: CreateThing", "    operationId: CreateThing\n    §operationID: CreateThing" },
        { "ARZ0105", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - name: X\n      in: §body\n      value: 1" },
        { "ARZ0106", "- name: api", "- name: §my api" },
        { "ARZ0107", "  outputs:\n    status: $steps", "  outputs:\n    §sta tus: $steps" },
        { "ARZ0108", "sourceDescriptions:\n- name: api\n  url: ./api.yaml\n  type: openapi", "sourceDescriptions: §[]" },
        { "ARZ0109", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      retryAfter: §-1" },
        { "ARZ0110", "    required: [name]", "    required: [name, §nmae]" },
        { "ARZ0111", "    status: $steps.second.outputs.status", "    status: $steps.second.outputs.status\ncomponents:\n  inputs:\n    job:\n      properties:\n        count:\n          type: string\n      allOf:\n      - §properties:\n          count:\n            type: integer" },
        { "ARZ0113", "  - stepId: second\n    operationId: DescribeThing", "  - stepId: second\n    timeout: §60000\n    operationId: DescribeThing" },
        { "ARZ0112", "    status: $steps.second.outputs.status", "    status: $steps.second.outputs.status\ncomponents:\n  inputs:\n    job:\n      allOf:\n      - $ref: §'#/components/inputs/job'" },
        // References and flow
        { "ARZ0201", "  outputs:\n    status: $steps.second.outputs.status", "  outputs:\n    status: $steps.second.outputs.status\n- workflowId: §flow\n  steps:\n  - stepId: only\n    operationId: CreateThing" },
        { "ARZ0202", "  outputs:\n    status: $steps.second.outputs.status", "  - stepId: §first\n    operationId: CreateThing\n  outputs:\n    status: $steps.second.outputs.status" },
        { "ARZ0203", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end\n    - name: §done\n      type: end" },
        { "ARZ0204", "  type: openapi", "  type: openapi\n- name: §api\n  url: ./other.yaml" },
        { "ARZ0205", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: again\n      type: goto\n      stepId: §secnd" },
        { "ARZ0206", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: other\n      type: goto\n      workflowId: §elsewhere" },
        { "ARZ0207", "Id: $steps.first.outputs.id", "Id: §$steps.first.outputs.idd" },
        { "ARZ0208", "Name: $inputs.name", "Name: §$steps.second.outputs.status" },
        { "ARZ0209", "Name: $inputs.name", "Name: §$inputs.nmae" },
        { "ARZ0210", "Id: $steps.first.outputs.id", "Id: §$workflows.flow.outputs.missing" },
        { "ARZ0211", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - reference: §$components.parameters.missing" },
        { "ARZ0212", "operationId: DescribeThing", "operationId: §$sourceDescriptions.apx.DescribeThing" },
        { "ARZ0213", "- workflowId: flow", "- workflowId: flow\n  dependsOn: [§ghost]" },
        { "ARZ0214", "- workflowId: flow", "- workflowId: flow\n  dependsOn: [§flow]" },
        { "ARZ0215", "    operationId: DescribeThing", "    operationId: DescribeThing\n    workflowId: §flow" },
        { "ARZ0216", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: both\n      type: goto\n      workflowId: flow\n      stepId: §first\n      criteria:\n      - condition: $statusCode == 201" },
        { "ARZ0217", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end\n      retryAfter: §5" },
        { "ARZ0218", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: nowhere\n      type: §goto" },
        { "ARZ0219", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: poll\n      type: §retry\n      retryAfter: 5\n      criteria:\n      - condition: $statusCode == 202" },
        { "ARZ0220", "    operationId: DescribeThing", "    operationId: §DescribeThing" },
        { "ARZ0221", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - name: Id\n      in: query\n      value: 1\n    - name: §Id\n      in: query\n      value: 2" },
        { "ARZ0222", "    outputs:\n      status: $response.body#/Status", "    successCriteria:\n    - condition: §$outputs.nope == 1\n    outputs:\n      status: $response.body#/Status" },
        { "ARZ0223", "    operationId: DescribeThing", "    operationId: DescribeThing\n    parameters:\n    - name: §Id\n      value: 1" },
        { "ARZ0224", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: stop\n      type: end\n  - stepId: §orphan\n    operationId: CreateThing" },
        { "ARZ0225", "    - condition: $statusCode == 200", "    - condition: $statusCode == 200\n    - condition: §$statusCode == 200" },
        { "ARZ0226", "        Name: $inputs.name", "        Name: $inputs.name\n      replacements:\n      - target: /Name\n        value: a\n      - target: §/Name\n        value: b" },
        { "ARZ0227", "      status: $response.body#/Status\n  outputs:", "      status: $response.body#/Status\n    onSuccess:\n    - name: again\n      type: goto\n      stepId: first\n  outputs:" },
        { "ARZ0228", "  outputs:\n    status: $steps.second.outputs.status", "  outputs:\n    status: $steps.second.outputs.status\n- workflowId: caller\n  steps:\n  - stepId: run\n    workflowId: §flow" },
        { "ARZ0229", "      status: $response.body#/Status\n  outputs:", "      status: $response.body#/Status\n  - stepId: again\n    workflowId: §flow\n    parameters:\n    - name: name\n      value: x\n  outputs:" },
        { "ARZ0230", "- workflowId: flow", "- workflowId: other\n  steps:\n  - stepId: only\n    operationId: $sourceDescriptions.api.CreateThing\n- workflowId: flow\n  dependsOn: [other, §other]" },
        { "ARZ0231", "      status: $response.body#/Status", "      status: $response.body#/Status\n    onSuccess:\n    - name: done\n      type: end\n      stepId: §nowhere" },
        { "ARZ0232", "    operationId: DescribeThing", "    operationPath: §'#/paths/~1things/get'" },
        { "ARZ0233", "- workflowId: flow", "- workflowId: flow\n  dependsOn: [§$sourceDescriptions.api.setup]" },
        // Expressions and criteria
        { "ARZ0301", "Name: $inputs.name", "Name: §$inputz.name" },
        { "ARZ0302", "condition: $statusCode == 200", "condition: §$statusCode = 200" },
        { "ARZ0303", "    - condition: $statusCode == 200", "    - condition: §^(abc\n      context: $response.body#/Id\n      type: regex" },
        { "ARZ0304", "    - condition: $statusCode == 200", "    - condition: $.Id != null\n      type: §jsonpath" },
        { "ARZ0305", "    - condition: $statusCode == 200", "    - condition: /Id\n      context: $response.body\n      type: §xpath" },
        { "ARZ0306", "Name: $inputs.name", "Name: §$response.body#/Name" },
        { "ARZ0308", "      id: $response.body#/Id", "      id: §$response.body.Id" },
        { "ARZ0307", "    status: $steps.second.outputs.status", "    status:\n      context: $response.body\n      selector: §'$.Items[*].Name'\n      type: jsonpath" },
    };

    [Fact]
    public void The_valid_document_reports_nothing()
    {
        Assert.Empty(GeneratorRunner.Diagnose(ValidDocument).Select(d => d.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_broken_document_reports_its_diagnostic_where_the_marker_is(string id, string find, string replace)
    {
        Assert.Contains(find, ValidDocument);
        var marked = ValidDocument.Replace(find, replace);
        if (id == "ARZ0220")
        {
            // Ambiguity needs a second openapi source.
            marked = marked.Replace("  type: openapi", "  type: openapi\n- name: other\n  url: ./other.yaml").Replace("operationId: CreateThing", "operationId: $sourceDescriptions.api.CreateThing");
        }

        if (id == "ARZ0227")
        {
            // Reported at the first step of the cycle.
            marked = marked.Replace("  - stepId: first", "  - stepId: §first");
        }

        var document = MarkedDocument.Parse(marked);

        var diagnostics = GeneratorRunner.Diagnose(document.Text);

        // Exactly this diagnostic: a cascade of others would bury the one that says what to fix.
        var described = diagnostics.Select(GeneratorRunner.Describe).ToList();
        Assert.True(described.SequenceEqual(new[] { $"{document.Position} {id}" }), $"expected exactly {id} at {document.Position}; got:\n" + string.Join("\n", diagnostics));
    }

    [Fact]
    public void Every_catalogued_descriptor_has_a_test_case_or_a_dedicated_test()
    {
        var tested = Cases.Select(c => (string)c[0]).ToHashSet();
        tested.UnionWith(new[] { "ARZ0002", "ARZ0003", "ARZ0004", "ARZ0006", "ARZ0008", "ARZ0009", "ARZ0010", "ARZ0011" }); // HostileYamlTests, CandidateFileTests
        tested.UnionWith(new[] { "ARZ0234", "ARZ0235" }); // ArazzoOneOneTests: Arazzo 1.1 fields, which a 1.0 document gets ARZ0113 for besides
        var catalogued = typeof(ArazzoGenerator).Assembly.GetType("ArazzoGen.Diagnostics.DiagnosticDescriptors")!
            .GetFields()
            .Select(f => f.GetValue(null))
            .OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>()
            .Select(d => d.Id)
            .Where(id => id.StartsWith("ARZ0", StringComparison.Ordinal));

        Assert.Empty(catalogued.Except(tested));
    }
}

public class DiagnosticHelpLinkTests
{
    [Fact]
    public void Every_descriptor_links_to_its_anchor_in_docs_diagnostics_md()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        var descriptors = typeof(ArazzoGenerator).Assembly.GetType("ArazzoGen.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => f.GetValue(null)).OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>().ToList();

        Assert.True(descriptors.Count > 80);
        Assert.All(descriptors, d =>
        {
            var anchor = d.Id.ToLowerInvariant();
            Assert.EndsWith("docs/diagnostics.md#" + anchor, d.HelpLinkUri);
            Assert.Contains($"<a id=\"{anchor}\"></a>{d.Id}", docs);
        });
    }
}
