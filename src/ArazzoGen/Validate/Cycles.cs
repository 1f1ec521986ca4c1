using System;
using System.Collections.Generic;
using System.Linq;

namespace ArazzoGen.Validate;

/// <summary>
/// Finds every node that lies on a cycle, in time linear in the graph (documents come from other
/// teams: a search from every node would be quadratic on a long chain). Each such node gets a path
/// back to itself; on a cycle of more than <see cref="MaxPathLength"/> nodes the path is the node,
/// its next node on the cycle and the count, so messages stay short.
/// </summary>
internal static class Cycles
{
    public const int MaxPathLength = 12;

    /// <summary>A node's way back to itself: <see cref="Path"/> starts and ends with it, unless <see cref="Shortened"/>.</summary>
    public sealed record CyclePath(IReadOnlyList<string> Path, int CycleSize, bool Shortened)
    {
        public override string ToString() =>
            Shortened ? $"{string.Join(" -> ", Path)} -> ... -> {Path[0]}, {CycleSize} in all" : string.Join(" -> ", Path);
    }

    /// <param name="nodes">The nodes, in the order results are wanted.</param>
    /// <param name="successors">Each node's successors (may include nodes not in <paramref name="nodes"/>: ignored).</param>
    public static Dictionary<string, CyclePath> Find(IReadOnlyList<string> nodes, Func<string, IEnumerable<string>> successors)
    {
        var known = new HashSet<string>(nodes, StringComparer.Ordinal);
        var edges = nodes.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => successors(n).Where(known.Contains).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var result = new Dictionary<string, CyclePath>(StringComparer.Ordinal);
        foreach (var component in StronglyConnected(edges))
        {
            var members = new HashSet<string>(component, StringComparer.Ordinal);
            if (component.Count == 1 && !edges[component[0]].Contains(component[0]))
            {
                continue;
            }

            foreach (var node in component)
            {
                result[node] = component.Count > MaxPathLength
                    ? new CyclePath(new[] { node, edges[node].First(members.Contains) }, component.Count, Shortened: true)
                    : new CyclePath(PathBack(node, edges, members), component.Count, Shortened: false);
            }
        }

        return result;
    }

    /// <summary>Breadth-first within the component: the shortest way from <paramref name="start"/> back to it.</summary>
    private static List<string> PathBack(string start, Dictionary<string, List<string>> edges, HashSet<string> members)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var next in edges[current].Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = current; at != start; at = previous[at])
                    {
                        path.Insert(1, at);
                    }

                    path.Add(start);
                    return path;
                }

                if (!previous.ContainsKey(next))
                {
                    previous[next] = current;
                    queue.Enqueue(next);
                }
            }
        }

        return new List<string> { start, start };
    }

    /// <summary>Tarjan's algorithm without recursion (a chain of thousands of nodes must not overflow the stack).</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;
        foreach (var root in edges.Keys)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<Visit>();
            work.Push(new Visit(root));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var visit = work.Peek();
                var node = visit.Node;
                if (visit.Next < edges[node].Count)
                {
                    var successor = edges[node][visit.Next++];
                    if (!index.ContainsKey(successor))
                    {
                        index[successor] = low[successor] = counter++;
                        stack.Push(successor);
                        onStack.Add(successor);
                        work.Push(new Visit(successor));
                    }
                    else if (onStack.Contains(successor))
                    {
                        low[node] = Math.Min(low[node], index[successor]);
                    }

                    continue;
                }

                work.Pop();
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);

                    components.Add(component);
                }
            }
        }

        return components;
    }

    /// <summary>A node of the depth-first walk, and the next of its edges to follow.</summary>
    /// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
    private sealed class Visit(string node)
    {
        public string Node { get; } = node;

        public int Next { get; set; }
    }
}
