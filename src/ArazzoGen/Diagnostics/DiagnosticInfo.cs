using System.Linq;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Diagnostics;

/// <summary>A diagnostic as value-equal data, so stage outputs that carry diagnostics stay cacheable.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, SourceSpan span, params object?[] messageArgs) =>
        new(descriptor, LocationInfo.From(filePath, span), messageArgs.Select(a => a?.ToString() ?? string.Empty).ToEquatableArray());

    public string Id => Descriptor.Id;

    public DiagnosticSeverity Severity => Descriptor.DefaultSeverity;

    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageArgs.Cast<object>().ToArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), MessageArgs.Cast<object>().ToArray());

    public override string ToString() =>
        $"{Location.FilePath}({Location.LineSpan.Start.Line + 1},{Location.LineSpan.Start.Character + 1}): {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}

/// <summary>Collects diagnostics for one document while a stage walks it.</summary>
internal sealed class DiagnosticBag
{
    private readonly System.Collections.Generic.List<DiagnosticInfo> _items = new();

    public DiagnosticBag(string filePath) => FilePath = filePath;

    public string FilePath { get; }

    public int Count => _items.Count;

    public bool HasErrors => ErrorCount > 0;

    public int ErrorCount => _items.Count(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] messageArgs) =>
        _items.Add(DiagnosticInfo.Create(descriptor, FilePath, span, messageArgs));

    public void AddRange(System.Collections.Generic.IEnumerable<DiagnosticInfo> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>
    /// Runs <paramref name="attempt"/> for its answer only: what it reports is dropped, and an attempt
    /// that reported anything has no answer (a binding tried on the side, such as a read-back).
    /// </summary>
    public T? Quietly<T>(System.Func<T?> attempt)
        where T : class
    {
        var before = _items.Count;
        var answer = attempt();
        if (_items.Count == before)
        {
            return answer;
        }

        _items.RemoveRange(before, _items.Count - before);
        return null;
    }

    /// <summary>The errors reported so far.</summary>
    public System.Collections.Generic.IEnumerable<DiagnosticInfo> Errors => _items.Where(d => d.Severity == DiagnosticSeverity.Error);

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => _items.ToEquatableArray();
}
