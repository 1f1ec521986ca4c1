using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Amazon.Runtime;
using Polly;
using Polly.Retry;

namespace ArazzoGen.Runtime;

/// <summary>
/// The failures worth trying again after the AWS SDK gave up on them, as the SDKs' standard retry
/// mode classifies them (botocore's <c>_retry.json</c>: throttling codes, HTTP 5xx, timeouts) plus
/// transport failures and unreadable answers; and the run's default retry of them.
/// </summary>
internal static class TransientFailures
{
    // Throttling, then the request timeouts, by error code; the status codes are checked apart.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
    };

    /// <param name="exception">What the call threw.</param>
    /// <param name="runCancelled">The run's own cancellation: a call it cancelled is not a failure to retry.</param>
    public static bool IsTransient(Exception exception, bool runCancelled) => exception switch
    {
        WorkflowStepTimeoutException => false, // the step's own time ran out: its failure actions decide
        AmazonUnmarshallingException => true, // the answer was cut short
        AmazonServiceException service => service.Retryable is not null
            || (int)service.StatusCode >= 500
            || (int)service.StatusCode == 429
            || (service.ErrorCode is { } code && TransientCodes.Contains(code))
            || (service.StatusCode == 0 && service.InnerException is not null && IsTransient(service.InnerException, runCancelled)),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException => !runCancelled, // the SDK's own timeout
        AmazonClientException client => client.InnerException is not null && IsTransient(client.InnerException, runCancelled),
        _ => false,
    };

    /// <summary>
    /// Tries a call again through <paramref name="retry"/> (from <see cref="Pipeline"/>) after its first
    /// attempt, sent bare, failed with <paramref name="firstFailure"/>: that failure enters the pipeline as
    /// its first attempt's outcome, so the delays and the count of attempts are the pipeline's own. A call
    /// that does not fail pays nothing for the retry; what it captures is allocated only here.
    /// </summary>
    public static async ValueTask<TResponse> RetryAsync<TClient, TRequest, TResponse>(
        ResiliencePipeline retry, Func<TClient, TRequest, CancellationToken, Task<TResponse>> call, TClient client, TRequest request, ExceptionDispatchInfo firstFailure, CancellationToken cancellationToken)
    {
        var failed = firstFailure;
        return await retry.ExecuteAsync(
            async token =>
            {
                if (failed is { } first)
                {
                    failed = null;
                    first.Throw();
                }

                return await call(client, request, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tries a call again <paramref name="retries"/> times after a transient failure the SDK gave up on,
    /// exponential with jitter from 1 s (capped at 20 s), on <paramref name="time"/>.
    /// </summary>
    public static ResiliencePipeline Pipeline(int retries, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is { } failure && IsTransient(failure, args.Context.CancellationToken.IsCancellationRequested)),
            })
            .Build();
}
