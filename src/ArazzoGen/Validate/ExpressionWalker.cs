using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>Where in a workflow an expression is written, which decides what it may refer to.</summary>
internal enum ExpressionPlace
{
    /// <summary>A step's parameters or request body: evaluated before its call.</summary>
    StepRequest,

    /// <summary>A step's successCriteria, outputs or actions: evaluated after its call.</summary>
    StepResult,

    /// <summary>Workflow-level parameters: evaluated before each step's call.</summary>
    WorkflowParameters,

    /// <summary>Workflow-level successActions/failureActions: evaluated after each step's call.</summary>
    WorkflowActions,

    /// <summary>The workflow's outputs: evaluated when it ends.</summary>
    WorkflowOutputs,
}

/// <summary>One runtime expression found in a workflow, with where it was found.</summary>
internal readonly record struct ExpressionUse(RuntimeExpression Expression, ExpressionPlace Place, Step? Step);

/// <summary>Finds every runtime expression in values, conditions, contexts and references.</summary>
internal static class ExpressionWalker
{
    public static IEnumerable<ExpressionUse> InWorkflow(Workflow workflow)
    {
        foreach (var parameter in workflow.Parameters)
        {
            foreach (var e in InParameter(parameter))
            {
                yield return new ExpressionUse(e, ExpressionPlace.WorkflowParameters, null);
            }
        }

        foreach (var action in workflow.SuccessActions.Concat(workflow.FailureActions))
        {
            foreach (var e in InAction(action))
            {
                yield return new ExpressionUse(e, ExpressionPlace.WorkflowActions, null);
            }
        }

        foreach (var output in workflow.Outputs)
        {
            foreach (var e in InValue(output.Value))
            {
                yield return new ExpressionUse(e, ExpressionPlace.WorkflowOutputs, null);
            }
        }

        foreach (var step in workflow.Steps)
        {
            foreach (var parameter in step.Parameters)
            {
                foreach (var e in InParameter(parameter))
                {
                    yield return new ExpressionUse(e, ExpressionPlace.StepRequest, step);
                }
            }

            if (step.RequestBody is { } body)
            {
                foreach (var e in body.Payload is null ? Enumerable.Empty<RuntimeExpression>() : InValue(body.Payload))
                {
                    yield return new ExpressionUse(e, ExpressionPlace.StepRequest, step);
                }

                foreach (var replacement in body.Replacements)
                {
                    foreach (var e in InValue(replacement.Value))
                    {
                        yield return new ExpressionUse(e, ExpressionPlace.StepRequest, step);
                    }
                }
            }

            foreach (var criterion in step.SuccessCriteria)
            {
                foreach (var e in InCriterion(criterion))
                {
                    yield return new ExpressionUse(e, ExpressionPlace.StepResult, step);
                }
            }

            foreach (var output in step.Outputs)
            {
                foreach (var e in InValue(output.Value))
                {
                    yield return new ExpressionUse(e, ExpressionPlace.StepResult, step);
                }
            }

            foreach (var action in step.OnSuccess.Concat(step.OnFailure))
            {
                foreach (var e in InAction(action))
                {
                    yield return new ExpressionUse(e, ExpressionPlace.StepResult, step);
                }
            }
        }
    }

    public static IEnumerable<RuntimeExpression> InValue(ValueNode value)
    {
        var pending = new Stack<ValueNode>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case ExpressionValue expression:
                    yield return expression.Expression;
                    break;
                case TemplateValue template:
                    foreach (var part in template.Parts)
                    {
                        if (part.Expression is not null)
                        {
                            yield return part.Expression;
                        }
                    }

                    break;
                case ObjectValue obj:
                    foreach (var member in obj.Members)
                    {
                        pending.Push(member.Value);
                    }

                    break;
                case ArrayValue array:
                    foreach (var item in array.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }

    public static IEnumerable<RuntimeExpression> InCriterion(Criterion criterion)
    {
        if (criterion.Context is not null)
        {
            yield return criterion.Context;
        }

        if (criterion.Parsed is null)
        {
            yield break;
        }

        var pending = new Stack<ConditionNode>();
        pending.Push(criterion.Parsed);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case ExpressionOperand operand:
                    yield return operand.Expression;
                    break;
                case BinaryCondition binary:
                    pending.Push(binary.Left);
                    pending.Push(binary.Right);
                    break;
                case NotCondition not:
                    pending.Push(not.Operand);
                    break;
                case FilterCondition filter:
                    pending.Push(filter.Predicate);
                    break;
            }
        }
    }

    private static IEnumerable<RuntimeExpression> InParameter(ParameterOrReference parameter)
    {
        if (parameter.Reference is { } reference)
        {
            yield return reference.Expression;
            if (reference.Value is not null)
            {
                foreach (var e in InValue(reference.Value))
                {
                    yield return e;
                }
            }
        }

        if (parameter.Parameter is { } inline)
        {
            foreach (var e in InValue(inline.Value))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<RuntimeExpression> InAction(ActionOrReference action)
    {
        if (action.Reference is { } reference)
        {
            yield return reference.Expression;
        }

        if (action.Action is { } inline)
        {
            foreach (var criterion in inline.Criteria)
            {
                foreach (var e in InCriterion(criterion))
                {
                    yield return e;
                }
            }
        }
    }
}
