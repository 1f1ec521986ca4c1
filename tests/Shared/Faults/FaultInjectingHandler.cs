using System.Net;
using System.Text;

namespace ArazzoGen.Testing;

/// <summary>The faults a <see cref="FaultInjectingHandler"/> injects, as a flaky network or an overloaded service would.</summary>
public enum Fault
{
    /// <summary>The connection is reset before the request reaches the service: nothing happened.</summary>
    ResetBefore,

    /// <summary>The service acted, then the connection is reset before its answer arrives: the outcome is unknown to the client.</summary>
    ResetAfter,

    /// <summary>500 InternalServerError, before the request reaches the service.</summary>
    ServerError,

    /// <summary>503 ServiceUnavailable, before the request reaches the service.</summary>
    Unavailable,

    /// <summary>400 ThrottlingException, before the request reaches the service.</summary>
    Throttle,

    /// <summary>The service acted; its answer stalls past the client's timeout.</summary>
    StallAfter,

    /// <summary>The service acted; its answer's body is cut in half.</summary>
    TruncatedAfter,
}

/// <summary>
/// Sits inside the AWS SDK's HttpClient, between the client and dynalite (a loopback hop of its own),
/// and faults a seeded share of requests: the same seed faults the same requests every time. Counts
/// every HTTP attempt, and every faulted one.
/// </summary>
public sealed class FaultInjectingHandler(Fault fault, double rate, int seed, TimeSpan stall) : DelegatingHandler(new HttpClientHandler())
{
    private readonly Random _random = new(seed);
    private int _requests;
    private int _faulted;

    public int Requests => Volatile.Read(ref _requests);

    public int Faulted => Volatile.Read(ref _faulted);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        bool faulted;
        lock (_random)
        {
            faulted = _random.NextDouble() < rate;
        }

        if (!faulted)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _faulted);
        switch (fault)
        {
            case Fault.ResetBefore:
                throw new HttpRequestException("Connection reset by peer", new IOException("Unable to read data from the transport connection: Connection reset by peer."));
            case Fault.ServerError:
                return Json(HttpStatusCode.InternalServerError, """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}""");
            case Fault.Unavailable:
                return Json(HttpStatusCode.ServiceUnavailable, """{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable","message":"Service unavailable"}""");
            case Fault.Throttle:
                return Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}""");
        }

        // The request reaches the service, which acts on it; its answer is lost one way or another.
        var answer = await base.SendAsync(request, cancellationToken);
        switch (fault)
        {
            case Fault.ResetAfter:
                answer.Dispose();
                throw new HttpRequestException("Connection reset by peer", new IOException("Unable to read data from the transport connection: Connection reset by peer."));
            case Fault.StallAfter:
                answer.Dispose();
                await Task.Delay(stall, cancellationToken);
                throw new TimeoutException("The answer stalled.");
            default:
                var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
                var truncated = new HttpResponseMessage(answer.StatusCode) { Content = new ByteArrayContent(body, 0, body.Length / 2) };
                foreach (var header in answer.Headers)
                {
                    truncated.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                truncated.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
                answer.Dispose();
                return truncated;
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0"),
        Headers = { { "x-amzn-RequestId", Guid.NewGuid().ToString() } },
    };
}
