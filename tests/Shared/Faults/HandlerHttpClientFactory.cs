using Amazon.Runtime;

namespace ArazzoGen.Testing;

/// <summary>
/// Sends an AWS SDK client's requests through <paramref name="handler"/> (one that injects faults, or
/// answers in memory), in a new HttpClient each time the SDK asks, so no cached client bypasses it.
/// </summary>
/// <remarks>No HttpClient timeout: the client's own <c>Timeout</c> setting is the one that applies.</remarks>
public sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
}
