using ArazzoGen.Parse;
using ArazzoGen.Validate;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Tests.Validate;

/// <summary>
/// Validate hands Bind each workflow resolved: parameters with components and overrides applied,
/// actions merged with the workflow's and pruned to those that can run, loops classified, and the
/// workflows in the order to bind them (each after what it runs or depends on).
/// </summary>
public class ResolvedWorkflowTests
{
    private const string Document = """
        arazzo: 1.0.1
        info: {title: resolved, version: 1.0.0}
        sourceDescriptions:
        - {name: api, url: ./api.json}
        workflows:
        - workflowId: caller
          dependsOn: [setup]
          parameters:
          - {name: Region, in: header, value: eu-west-1}
          - {name: Limit, in: query, value: 10}
          failureActions:
          - {name: giveUp, type: end}
          - {name: again, type: retry, retryAfter: 5}
          steps:
          - stepId: list
            operationId: ListThings
            parameters:
            - {name: Limit, in: query, value: 50}
            - reference: $components.parameters.token
              value: $steps.list.outputs.next
            onSuccess:
            - name: nextPage
              type: goto
              stepId: list
              criteria:
              - condition: $response.body#/NextToken != null
            onFailure:
            - {name: again, type: retry, retryLimit: 3}
            - {name: stop, type: end}
            - {name: never, type: goto, stepId: run}
            outputs:
              next: $response.body#/NextToken
          - stepId: poll
            operationId: DescribeThing
            parameters:
            - {name: Name, in: query, value: x}
            onFailure:
            - {name: again, type: retry, retryLimit: 2}
            onSuccess:
            - name: wait
              type: goto
              stepId: poll
              criteria:
              - condition: $response.body#/Status == 'Pending'
            - {name: next, type: goto, stepId: run}
            - {name: unreachable, type: end}
          - stepId: run
            workflowId: callee
            parameters:
            - {name: name, value: x}
            onSuccess:
            - {name: restart, type: goto, workflowId: caller, criteria: [{condition: $statusCode == 500}]}
        - workflowId: callee
          inputs: {type: object, properties: {name: {type: string}}}
          steps:
          - {stepId: only, operationId: DescribeThing}
        - workflowId: setup
          steps:
          - {stepId: only, operationId: DescribeThing}
        components:
          parameters:
            token: {name: NextToken, in: query, value: none}
        """;

    private static ValidatedFile Validated() => ValidatedFile.From(WorkflowFileParser.Parse("/w/resolved.arazzo.yaml", Document, default)!);

    private static ResolvedStep Step(string workflowId, string stepId) =>
        Validated().Workflows.Single(w => w.WorkflowId == workflowId).Steps.Single(s => s.StepId == stepId);

    [Fact]
    public void The_document_is_valid_and_its_workflows_come_callees_first()
    {
        var file = Validated();

        Assert.Empty(file.Diagnostics.Select(d => d.ToDiagnostic().ToString()));
        Assert.Equal(new[] { "callee", "setup", "caller" }, file.Workflows.Select(w => w.WorkflowId));
        Assert.Equal(new[] { "callee" }, file.Workflows.Single(w => w.WorkflowId == "caller").Runs.Select(r => r.Value));
    }

    [Fact]
    public void Parameters_are_the_workflows_then_the_steps_with_components_and_their_value_override_applied()
    {
        var list = Step("caller", "list");

        Assert.Equal(
            new[] { "Region=eu-west-1", "Limit=50", "NextToken=$steps.list.outputs.next" },
            list.Parameters.Select(p => $"{p.Name.Value}={Text(p.Value)}"));
        Assert.Equal(new[] { "Limit", "NextToken" }, list.OwnParameters.Select(p => p.Name.Value));
    }

    [Fact]
    public void Failure_actions_are_the_steps_then_the_workflows_not_overridden_pruned_after_an_unconditional_end()
    {
        var list = Step("caller", "list");

        // The step's 'again' overrides the workflow's; after the unconditional 'stop' nothing runs ('never', the workflow's 'giveUp').
        Assert.Equal(new[] { "again", "stop" }, list.OnFailure.Select(a => a.Action.Name.Value));
        Assert.Equal(3, list.OnFailure[0].Action.RetryLimit!.Value);
    }

    [Fact]
    public void Failure_actions_after_an_unconditional_retry_are_kept_because_it_can_run_out()
    {
        var poll = Step("caller", "poll");

        // The step's retry overrides the workflow's; the workflow's 'giveUp' runs when the retries run out.
        Assert.Equal(new[] { "again", "giveUp" }, poll.OnFailure.Select(a => a.Action.Name.Value));
    }

    [Fact]
    public void Success_actions_are_pruned_after_an_unconditional_one()
    {
        Assert.Equal(new[] { "wait", "next" }, Step("caller", "poll").OnSuccess.Select(a => a.Action.Name.Value));
    }

    [Fact]
    public void A_step_whose_request_reads_its_own_outputs_is_a_page_loop_and_one_that_goes_back_with_the_same_request_a_poll()
    {
        var list = Step("caller", "list");
        var poll = Step("caller", "poll");

        Assert.Equal(("nextPage", true), (list.Loop!.Action.Name.Value, list.Loop.IsPageLoop));
        Assert.Equal(("wait", false), (poll.Loop!.Action.Name.Value, poll.Loop.IsPageLoop));
        Assert.Null(Step("caller", "run").Loop);
        Assert.True(list.OnSuccess.Single().LoopsThisStep);
    }

    [Fact]
    public void A_goto_to_the_workflow_itself_is_a_restart_and_no_call()
    {
        var run = Step("caller", "run");

        Assert.True(run.OnSuccess.Single().RestartsWorkflow);
        Assert.DoesNotContain("caller", Validated().Workflows.Single(w => w.WorkflowId == "caller").Runs.Select(r => r.Value));
    }

    [Fact]
    public void The_output_is_value_equal_across_runs_so_Bind_is_cached()
    {
        Assert.Equal(Validated(), Validated());
    }

    private static string Text(ArazzoGen.Model.ValueNode value) => value switch
    {
        ArazzoGen.Model.LiteralValue literal => literal.Text,
        ArazzoGen.Model.ExpressionValue expression => expression.Expression.Text,
        _ => value.ToString()!,
    };
}
