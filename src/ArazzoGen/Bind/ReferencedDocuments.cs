using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Helpers;
using ArazzoGen.Validate;

namespace ArazzoGen.Bind;

/// <summary>
/// A file to bind, with the Arazzo documents its <c>type: arazzo</c> sources point at (transitively),
/// and the OpenAPI documents its <c>type: openapi</c> sources point at, by source name.
/// </summary>
internal sealed record FileToBind(ValidatedFile File, EquatableArray<ValidatedFile> Referenced, EquatableArray<NamedDescription> Descriptions)
{
    public FileToBind(ValidatedFile file, EquatableArray<ValidatedFile> referenced)
        : this(file, referenced, EquatableArray<NamedDescription>.Empty)
    {
    }

    /// <summary>This file with the OpenAPI documents among <paramref name="all"/> that its sources' urls name.</summary>
    public FileToBind WithDescriptions(ImmutableArray<ArazzoGen.Model.OpenApiDescription> all)
    {
        if (all.IsEmpty || File.Document is not { } document)
        {
            return this;
        }

        var byPath = all.GroupBy(d => ReferencedDocuments.Normalize(d.FilePath), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var named = document.SourceDescriptions
            .Where(s => s.EffectiveType == "openapi" && s.Url is not null)
            .Select(s => (s.Name.Value, Path: ReferencedDocuments.Resolve(File.FilePath, s.Url!.Value)))
            .Where(s => s.Path is not null && byPath.ContainsKey(s.Path))
            .Select(s => new NamedDescription(s.Value, byPath[s.Path!]))
            .ToEquatableArray();
        return named.Count == 0 ? this : this with { Descriptions = named };
    }
}

/// <summary>The OpenAPI document a source description names.</summary>
internal sealed record NamedDescription(string Source, ArazzoGen.Model.OpenApiDescription Description);

/// <summary>
/// Finds the documents a file's <c>type: arazzo</c> source descriptions name, among the project's
/// AdditionalFiles: a relative <c>url</c> is resolved against the referencing file's folder.
/// </summary>
internal static class ReferencedDocuments
{
    public static FileToBind For(ValidatedFile file, ImmutableArray<ValidatedFile> all)
    {
        if (!HasArazzoSources(file))
        {
            return new FileToBind(file, EquatableArray<ValidatedFile>.Empty);
        }

        var byPath = new Dictionary<string, ValidatedFile>(StringComparer.Ordinal);
        foreach (var candidate in all)
        {
            byPath[Normalize(candidate.FilePath)] = candidate;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { Normalize(file.FilePath) };
        var found = new List<ValidatedFile>();
        var pending = new Queue<ValidatedFile>();
        pending.Enqueue(file);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (current.Document is not { } document)
            {
                continue;
            }

            foreach (var source in document.SourceDescriptions)
            {
                if (source.EffectiveType == "arazzo" && source.Url is { } url && Resolve(current.FilePath, url.Value) is { } path
                    && byPath.TryGetValue(path, out var referenced) && seen.Add(path))
                {
                    found.Add(referenced);
                    pending.Enqueue(referenced);
                }
            }
        }

        return new FileToBind(file, found.OrderBy(f => f.FilePath, StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>The full path a source's url names, relative to the file that declares it; null for a remote url.</summary>
    public static string? Resolve(string fromFile, string url)
    {
        if (url.Length == 0 || url.Contains("://"))
        {
            return null;
        }

        try
        {
            var folder = System.IO.Path.GetDirectoryName(fromFile) ?? string.Empty;
            return Normalize(System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, url)));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return null;
        }
    }

    public static string Normalize(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path).Replace('\\', '/');
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return path.Replace('\\', '/');
        }
    }

    public static bool HasArazzoSources(ValidatedFile file) =>
        file.Document?.SourceDescriptions.Any(s => s.EffectiveType == "arazzo") == true;
}
