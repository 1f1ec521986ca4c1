using System.Text.Json;

namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// Keeps each run in one JSON file, <c>{directory}/{workflowId}/{runId}.json</c>, on one machine
/// (several processes may share it). A write goes to a temporary file that is flushed to disk and then
/// renamed over the record, so a crash leaves either the old record or the new one, never half of
/// either; a lock file next to the record makes the version check and the rename one step.
/// </summary>
public sealed class FileRunStore : IWorkflowRunStore
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>Keeps runs under <paramref name="directory"/>, created when missing.</summary>
    public FileRunStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Path.GetFullPath(directory);
    }

    /// <summary>The folder that holds the runs.</summary>
    public string Directory { get; }

    /// <summary>The file of a run.</summary>
    public string PathOf(string workflowId, string runId) =>
        System.IO.Path.Combine(Directory, Uri.EscapeDataString(workflowId), Uri.EscapeDataString(runId) + ".json");

    /// <inheritdoc />
    public async ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken)
    {
        var path = PathOf(workflowId, runId);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return Parse(workflowId, runId, bytes, path);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
    {
        var path = PathOf(run.WorkflowId, run.RunId);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var held = await LockAsync(path + ".lock", cancellationToken).ConfigureAwait(false);
        var current = File.Exists(path) ? Parse(run.WorkflowId, run.RunId, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path) : null;
        if ((current?.Version ?? 0) != expectedVersion)
        {
            return false;
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                using (var json = new Utf8JsonWriter(file))
                {
                    json.WriteStartObject();
                    json.WriteNumber("version", run.Version);
                    json.WriteString("owner", run.Owner);
                    json.WriteString("leaseExpires", run.LeaseExpires);
                    json.WriteString("status", run.Status.ToString());
                    json.WritePropertyName("checkpoint");
                    json.WriteRawValue(run.Checkpoint.Span, skipInputValidation: true);
                    json.WriteEndObject();
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static StoredRun Parse(string workflowId, string runId, byte[] bytes, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return new StoredRun(
                workflowId,
                runId,
                root.GetProperty("version").GetInt64(),
                root.GetProperty("owner").GetString() ?? string.Empty,
                root.GetProperty("leaseExpires").GetDateTimeOffset(),
                Enum.Parse<RunStatus>(root.GetProperty("status").GetString()!),
                System.Text.Encoding.UTF8.GetBytes(root.GetProperty("checkpoint").GetRawText()));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"The run record '{path}' is not one this store wrote: {ex.Message}", ex);
        }
    }

    // Exclusive by FileShare.None, across processes too (.NET takes an flock on Unix).
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < LockWait)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                waited += pause;
            }
        }
    }
}
