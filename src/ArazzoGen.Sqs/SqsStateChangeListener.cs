using Amazon.SQS;
using Amazon.SQS.Model;
using ArazzoGen.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArazzoGen.Sqs;

/// <summary>
/// One consumer per process of an SQS queue that an EventBridge rule fills with SageMaker
/// state-change events: it long-polls the queue, tells <see cref="StateChanges"/> of each event (which
/// wakes the runs waiting on that job or endpoint), and deletes each message only after that.
/// </summary>
/// <remarks>
/// Events only wake polls; the Describe call after one decides. A message that is not a state
/// change a poll can wait on is deleted too (the queue is for these events); one whose delete fails
/// comes back and wakes its poll once more, which costs one call.
/// </remarks>
public sealed class SqsStateChangeListener : BackgroundService
{
    private readonly IAmazonSQS _sqs;
    private readonly StateChanges _stateChanges;
    private readonly SqsStateChangeOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private long _received;
    private long _deleted;

    /// <summary>Creates a listener of <paramref name="options"/>' queue that tells <paramref name="stateChanges"/>.</summary>
    public SqsStateChangeListener(IAmazonSQS sqs, StateChanges stateChanges, SqsStateChangeOptions options, TimeProvider? clock = null, ILogger<SqsStateChangeListener>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(stateChanges);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.QueueUrl))
        {
            throw new ArgumentException("SqsStateChangeOptions.QueueUrl is required: the URL of the queue the EventBridge rule sends SageMaker state changes to.", nameof(options));
        }

        if (options.WaitTimeSeconds is < 0 or > 20 || options.MaxMessages is < 1 or > 10)
        {
            throw new ArgumentException($"SqsStateChangeOptions: WaitTimeSeconds must be 0 to 20 (was {options.WaitTimeSeconds}) and MaxMessages 1 to 10 (was {options.MaxMessages}), as SQS allows.", nameof(options));
        }

        _sqs = sqs;
        _stateChanges = stateChanges;
        _options = options;
        _clock = clock ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>How many messages were received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>How many received messages were deleted after use.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            List<Message> messages;
            try
            {
                var response = await _sqs.ReceiveMessageAsync(
                    new ReceiveMessageRequest { QueueUrl = _options.QueueUrl, MaxNumberOfMessages = _options.MaxMessages, WaitTimeSeconds = _options.WaitTimeSeconds },
                    stoppingToken).ConfigureAwait(false);
                messages = response.Messages ?? [];
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Polls fall back to their interval meanwhile; nothing is lost but promptness.
                _logger.LogWarning(e, "Receiving state-change events from {QueueUrl} failed; trying again in {Backoff}.", _options.QueueUrl, backoff);
                try
                {
                    await Task.Delay(backoff, _clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxErrorBackoff.Ticks));
                continue;
            }

            if (messages.Count > 0)
            {
                await HandleAsync(messages).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(List<Message> messages)
    {
        Interlocked.Add(ref _received, messages.Count);
        var used = new List<DeleteMessageBatchRequestEntry>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (!_stateChanges.Publish(messages[i].Body ?? string.Empty))
            {
                _logger.LogDebug("Message {MessageId} on {QueueUrl} is not a state change a poll waits on; deleting it.", messages[i].MessageId, _options.QueueUrl);
            }

            used.Add(new DeleteMessageBatchRequestEntry { Id = "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = messages[i].ReceiptHandle });
        }

        try
        {
            // Not the stopping token: messages already told to the runs are deleted even during a stop.
            var deleted = await _sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest { QueueUrl = _options.QueueUrl, Entries = used }).ConfigureAwait(false);
            Interlocked.Add(ref _deleted, deleted.Successful?.Count ?? 0);
            if (deleted.Failed is { Count: > 0 } failed)
            {
                _logger.LogWarning("{Count} state-change messages on {QueueUrl} could not be deleted ({Code}); they will be received again and wake their polls once more.", failed.Count, _options.QueueUrl, failed[0].Code);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Deleting {Count} state-change messages from {QueueUrl} failed; they will be received again and wake their polls once more.", used.Count, _options.QueueUrl);
        }
    }
}
