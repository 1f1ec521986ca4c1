using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArazzoGen.Hosting;

/// <summary>How many runs the runner works on at once.</summary>
public sealed class WorkflowRunnerOptions
{
    /// <summary>At most this many runs at a time (4 by default); the rest wait in the queue.</summary>
    public int MaxConcurrentRuns { get; set; } = 4;
}

/// <summary>
/// Runs what <see cref="WorkflowRunQueue"/> holds, each in its own service scope, at most
/// <see cref="WorkflowRunnerOptions.MaxConcurrentRuns"/> at a time. When the host stops, the runs in
/// progress are cancelled: their waits end at once, but the AWS jobs they started are not stopped
/// (a training job keeps training); the stop logs each run still in progress and what it was doing.
/// </summary>
public sealed partial class WorkflowRunnerService : BackgroundService
{
    private readonly WorkflowRunQueue _queue;
    private readonly WorkflowRunsStatus _status;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<WorkflowRunnerService> _logger;
    private readonly int _maxConcurrentRuns;

    /// <summary>Created by the container (<see cref="ArazzoRunnerServiceCollectionExtensions.AddArazzoRunner"/>).</summary>
    public WorkflowRunnerService(WorkflowRunQueue queue, WorkflowRunsStatus status, IServiceScopeFactory scopes, IOptions<WorkflowRunnerOptions> options, ILogger<WorkflowRunnerService> logger, TimeProvider? clock = null)
    {
        _queue = queue;
        _status = status;
        _scopes = scopes;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _maxConcurrentRuns = options.Value.MaxConcurrentRuns;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_maxConcurrentRuns, _maxConcurrentRuns);
        var inProgress = new List<Task>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var run))
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    inProgress.RemoveAll(t => t.IsCompleted);
                    inProgress.Add(RunAsync(run, slots, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        var stillRunning = _status.Running;
        if (stillRunning.Count > 0)
        {
            LogStopping(_logger, stillRunning.Count, string.Join(", ", stillRunning.Select(r => $"{r.Name} (since {r.StartedAt:O})")));
        }

        await Task.WhenAll(inProgress).ConfigureAwait(false);
    }

    private async Task RunAsync(WorkflowRunQueue.QueuedRun run, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var id = _status.Started(run.Name, _clock.GetUtcNow());
        Exception? failure = null;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var workflow = scope.ServiceProvider.GetRequiredService(run.WorkflowType);
            await run.Run(workflow, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
            LogRunFailed(_logger, run.Name, ex.GetType().Name, ex.Message);
        }
        finally
        {
            _status.Ended(id, failure, _clock.GetUtcNow());
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The host is stopping with {Count} workflow runs in progress; their waits are cancelled, the AWS jobs they started keep running: {Runs}")]
    private static partial void LogStopping(ILogger logger, int count, string runs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Workflow run {Run} failed: {Exception}: {Message}")]
    private static partial void LogRunFailed(ILogger logger, string run, string exception, string message);
}
