using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>
/// A least-privilege IAM policy, gathered grant by grant: the actions of every operation a workflow
/// calls (scoped to the resource type where the action names one: SageMaker jobs, models and
/// endpoints, DynamoDB tables), <c>iam:PassRole</c> for the roles it hands to a service, and what
/// Step Functions itself needs for a <c>.sync</c> task or a nested execution.
/// </summary>
internal sealed class IamPolicy
{
    private readonly SortedDictionary<string, (SortedSet<string> Actions, string? PassedTo)> _byResource = new(StringComparer.Ordinal);

    /// <summary>The IAM action of an operation: the service's IAM prefix and the operation's name (<c>sagemaker:CreateTrainingJob</c>).</summary>
    public static string Action(ApiOperation api) => Prefix(api) + ":" + api.Operation;

    /// <summary>What calling <paramref name="api"/> needs, and iam:PassRole when the request hands the service a role.</summary>
    public void Call(ApiOperation api, NewObjectBound request)
    {
        Allow(Action(api), ResourceOf(api));
        if (request.Contains(v => v is NewObjectBound obj && obj.Members.Any(m => m.WireMember.EndsWith("RoleArn", StringComparison.Ordinal))))
        {
            PassRole(Prefix(api));
        }
    }

    /// <summary>
    /// A <c>.sync</c> SageMaker job: Step Functions creates it, describes it and stops it when the
    /// execution stops, and manages the EventBridge rule it hears the job's end through.
    /// </summary>
    public void SyncJob(ApiOperation create, SyncJob job)
    {
        var resource = ResourceOf(create);
        Allow(Action(create), resource);
        Allow("sagemaker:" + job.Describe, resource);
        Allow("sagemaker:Stop" + job.Describe.Substring("Describe".Length), resource);
        Allow("sagemaker:ListTags", "*");
        var rule = $"arn:aws:events:*:*:rule/StepFunctionsGetEventsForSageMaker{job.Describe.Substring("Describe".Length)}sRule";
        foreach (var action in new[] { "events:PutTargets", "events:PutRule", "events:DescribeRule" })
        {
            Allow(action, rule);
        }
    }

    /// <summary>A nested execution that is waited for (<c>startExecution.sync:2</c>) of the state machine named <paramref name="stateMachine"/>.</summary>
    public void NestedExecution(string stateMachine)
    {
        Allow("states:StartExecution", $"arn:aws:states:*:*:stateMachine:{stateMachine}");
        Allow("states:DescribeExecution", $"arn:aws:states:*:*:execution:{stateMachine}:*");
        Allow("states:StopExecution", $"arn:aws:states:*:*:execution:{stateMachine}:*");
        foreach (var action in new[] { "events:PutTargets", "events:PutRule", "events:DescribeRule" })
        {
            Allow(action, "arn:aws:events:*:*:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule");
        }
    }

    public void Include(IamPolicy other)
    {
        foreach (var grant in other._byResource)
        {
            foreach (var action in grant.Value.Actions)
            {
                Allow(action, ResourceText(grant.Key), grant.Value.PassedTo);
            }
        }
    }

    /// <summary>The policy document: one statement per resource, its actions sorted.</summary>
    public AslObject ToDocument() => AslObject.Of(
        ("Version", AslNode.String("2012-10-17")),
        ("Statement", AslArray.Of(_byResource.Select(r => (AslNode)AslObject.Of(
            ("Effect", AslNode.String("Allow")),
            ("Action", AslArray.Of(r.Value.Actions.Select(AslNode.String))),
            ("Resource", AslNode.String(ResourceText(r.Key))),
            ("Condition", r.Value.PassedTo is { } service
                ? AslObject.Of(("StringEquals", AslObject.Of(("iam:PassedToService", AslNode.String(service + ".amazonaws.com")))))
                : null))))));

    private void PassRole(string service) => Allow("iam:PassRole", "*", service);

    private void Allow(string action, string resource, string? passedTo = null)
    {
        var key = passedTo is null ? resource : resource + "\n" + passedTo;
        if (!_byResource.TryGetValue(key, out var grant))
        {
            _byResource[key] = grant = (new SortedSet<string>(StringComparer.Ordinal), passedTo);
        }

        grant.Actions.Add(action);
    }

    private static string ResourceText(string key) => key.Split('\n')[0];

    /// <summary>
    /// The IAM prefix: the model's folder name, but for the services whose actions are named
    /// otherwise (Neptune data is neptune-db, Step Functions states, SageMaker's runtimes sagemaker).
    /// </summary>
    private static string Prefix(ApiOperation api) => (api.Service ?? api.ServiceId.ToLowerInvariant().Replace(" ", "-")) switch
    {
        "neptunedata" => "neptune-db",
        "stepfunctions" => "states",
        "dynamodbstreams" => "dynamodb",
        var sagemaker when sagemaker.StartsWith("sagemaker", StringComparison.Ordinal) => "sagemaker",
        var other => other,
    };

    /// <summary>The resources an action can be scoped to when its name says which: a SageMaker job, model or endpoint, a DynamoDB table; else any.</summary>
    private static string ResourceOf(ApiOperation api)
    {
        var noun = new[] { "Create", "Describe", "Stop", "Delete", "Update", "Get", "Put" }.FirstOrDefault(v => api.Operation.StartsWith(v, StringComparison.Ordinal)) is { } verb
            ? api.Operation.Substring(verb.Length)
            : null;
        return Prefix(api) switch
        {
            "sagemaker" when noun is "TrainingJob" or "ProcessingJob" or "TransformJob" or "HyperParameterTuningJob" or "LabelingJob" or "Model" or "EndpointConfig" or "Endpoint" =>
                $"arn:aws:sagemaker:*:*:{Kebab(noun)}/*",
            "dynamodb" when api.Operation is not ("ListTables" or "DescribeLimits" or "DescribeEndpoints") => "arn:aws:dynamodb:*:*:table/*",
            _ => "*",
        };
    }

    private static string Kebab(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
