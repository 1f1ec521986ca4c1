using System.Globalization;
using System.Linq;
using System.Text;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Emit;

/// <summary>
/// Prints a state machine definition as JSON, indented by two spaces as one is written by hand.
/// Every character outside printable ASCII is a <c>\uXXXX</c> escape, so the text can sit in a
/// verbatim C# string and no bidi control or zero-width character hides in it.
/// </summary>
internal static class StateMachineWriter
{
    public static string Json(AslNode definition)
    {
        var json = new StringBuilder();
        Write(json, definition, 0);
        return json.ToString();
    }

    /// <summary>
    /// The Step Functions constants of a workflow class: its definition, the policy of the role the
    /// state machine runs under, and the policy the class's own calls need.
    /// </summary>
    public static void WriteConstants(SourceWriter w, BoundWorkflow workflow)
    {
        if (workflow.StateMachine is { } definition)
        {
            WriteConstant(
                w,
                "StateMachineDefinition",
                "This workflow as an AWS Step Functions state machine (Amazon States Language, JSONPath), for aws stepfunctions create-state-machine --definition. Its execution input is the workflow's inputs (by their names in the document), its output the workflow's outputs.",
                "Generated because the project sets ArazzoStateMachines to true. A step that runs another workflow starts the state machine named after that workflow's id, in the same account and Region.",
                definition);
        }

        if (workflow.StateMachinePolicy is { } rolePolicy)
        {
            WriteConstant(w, "StateMachineRolePolicy", "The IAM policy the role of StateMachineDefinition's state machine needs: the actions of every operation it calls, iam:PassRole for the roles it hands to SageMaker, and what .sync tasks and nested executions need (the EventBridge rules Step Functions listens through).", null, rolePolicy);
        }

        if (workflow.RolePolicy is { } policy)
        {
            WriteConstant(w, "RolePolicy", "The IAM policy a role running this class in process needs: the actions of every operation it calls (and of the workflows of its document it runs), and iam:PassRole for the roles it hands to a service.", null, policy);
        }
    }

    private static void WriteConstant(SourceWriter w, string name, string summary, string? remarks, AslNode json)
    {
        w.Doc(summary, remarks);
        var lines = Json(json).Replace("\"", "\"\"").Split('\n');
        w.Line($"public const string {name} = @\"" + lines[0]);
        for (var i = 1; i < lines.Length - 1; i++)
        {
            w.Verbatim(lines[i]);
        }

        w.Verbatim(lines[lines.Length - 1] + "\";");
        w.Line();
    }

    private static void Write(StringBuilder json, AslNode node, int depth)
    {
        switch (node)
        {
            case AslObject obj when obj.Members.Count == 0:
                json.Append("{}");
                break;
            case AslObject obj:
                json.Append("{\n");
                for (var i = 0; i < obj.Members.Count; i++)
                {
                    json.Append(' ', (depth + 1) * 2);
                    String(json, obj.Members[i].Name);
                    json.Append(": ");
                    Write(json, obj.Members[i].Value, depth + 1);
                    json.Append(i + 1 < obj.Members.Count ? ",\n" : "\n");
                }

                json.Append(' ', depth * 2).Append('}');
                break;
            case AslArray array when array.Items.Count == 0:
                json.Append("[]");
                break;
            case AslArray array when array.Items.All(i => i is AslString or AslNumber or AslBoolean or AslNull):
                json.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Write(json, array.Items[i], depth);
                    json.Append(i + 1 < array.Items.Count ? ", " : string.Empty);
                }

                json.Append(']');
                break;
            case AslArray array:
                json.Append("[\n");
                for (var i = 0; i < array.Items.Count; i++)
                {
                    json.Append(' ', (depth + 1) * 2);
                    Write(json, array.Items[i], depth + 1);
                    json.Append(i + 1 < array.Items.Count ? ",\n" : "\n");
                }

                json.Append(' ', depth * 2).Append(']');
                break;
            case AslString text:
                String(json, text.Value);
                break;
            case AslNumber number:
                json.Append(number.Text);
                break;
            case AslBoolean boolean:
                json.Append(boolean.Value ? "true" : "false");
                break;
            default:
                json.Append("null");
                break;
        }
    }

    private static void String(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }
}
