using System.Text.Json.Nodes;

namespace ArazzoGen.Tests.StateMachines;

/// <summary>
/// What Step Functions checks of any definition, checked here without it: JSON; every StartAt, Next
/// and Default names a state of its own scope (a Parallel branch is one); state names unique across
/// the whole definition and at most 80 characters; a Choice has choices; some state ends.
/// </summary>
internal static class AslInvariants
{
    public static IReadOnlyList<string> Problems(string definition)
    {
        var problems = new List<string>();
        JsonObject root;
        try
        {
            root = JsonNode.Parse(definition)!.AsObject();
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"not JSON: {e.Message}"];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        Scope(root, names, problems);
        return problems;
    }

    private static void Scope(JsonObject scope, HashSet<string> names, List<string> problems)
    {
        var states = scope["States"]?.AsObject();
        if (states is null || states.Count == 0)
        {
            problems.Add("no States");
            return;
        }

        Target(states, (string?)scope["StartAt"], "StartAt", problems);
        var ends = false;
        foreach (var (name, value) in states)
        {
            var state = value!.AsObject();
            if (!names.Add(name))
            {
                problems.Add($"state '{name}' is named twice");
            }

            if (name.Length > 80)
            {
                problems.Add($"state '{name}' has a name longer than 80 characters");
            }

            var type = (string?)state["Type"];
            ends |= type is "Succeed" or "Fail" || state["End"]?.GetValue<bool>() == true;
            Target(states, (string?)state["Next"], $"{name}.Next", problems);
            Target(states, (string?)state["Default"], $"{name}.Default", problems);
            foreach (var rule in state["Choices"]?.AsArray() ?? [])
            {
                Target(states, (string?)rule!["Next"], $"{name}.Choices", problems);
            }

            foreach (var catcher in state["Catch"]?.AsArray() ?? [])
            {
                Target(states, (string?)catcher!["Next"], $"{name}.Catch", problems);
            }

            if (type == "Choice" && state["Choices"]?.AsArray().Count is null or 0)
            {
                problems.Add($"Choice '{name}' has no choices");
            }

            foreach (var branch in state["Branches"]?.AsArray() ?? [])
            {
                Scope(branch!.AsObject(), names, problems);
            }
        }

        if (!ends)
        {
            problems.Add("no state ends the execution");
        }
    }

    private static void Target(JsonObject states, string? target, string from, List<string> problems)
    {
        if (target is not null && !states.ContainsKey(target))
        {
            problems.Add($"{from} names '{target}', which is no state of its scope");
        }
    }
}
