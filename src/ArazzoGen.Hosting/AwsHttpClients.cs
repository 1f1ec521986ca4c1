using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ArazzoGen.Hosting;

/// <summary>
/// Makes an AWS SDK client send its HTTP requests through an <see cref="IHttpClientFactory"/> client,
/// so the container's handlers apply to the SDK's traffic: <c>AddStandardResilienceHandler()</c>, a
/// proxy, logging, telemetry.
/// </summary>
public static class AwsHttpClients
{
    /// <summary>The named HttpClient AWS clients use unless told another.</summary>
    public const string DefaultName = "aws";

    /// <summary>
    /// Sends <typeparamref name="TClient"/>'s requests (registered before, with <c>AddAWSService</c>)
    /// through the named client of <see cref="IHttpClientFactory"/>; configure its handlers on the
    /// builder returned. Mind the layering (README, "In a .NET host"): with a retrying handler here,
    /// turn the SDK's own retries down, or attempts multiply.
    /// </summary>
    public static IHttpClientBuilder AddAwsHttpClient<TClient>(this IServiceCollection services, string name = DefaultName)
        where TClient : class, IAmazonService
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TClient))
            ?? throw new InvalidOperationException($"Register {typeof(TClient).Name} first (services.AddAWSService<{typeof(TClient).Name}>()), then send it through an HttpClient.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(TClient), provider => Through(Create(registered, provider), provider, name), registered.Lifetime));
        return services.AddHttpClient(name);
    }

    private static object Create(ServiceDescriptor registered, IServiceProvider provider) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);

    // The SDK creates its HttpClient on the first request, so a factory set before it is the one used.
    private static object Through(object client, IServiceProvider provider, string name)
    {
        if (client is IAmazonService { Config: ClientConfig config })
        {
            config.HttpClientFactory = new ContainerHttpClientFactory(provider.GetRequiredService<IHttpClientFactory>(), name);
        }

        return client;
    }

    /// <summary>The SDK's HttpClientFactory backed by <see cref="IHttpClientFactory"/>, which owns and recycles the handlers.</summary>
    private sealed class ContainerHttpClientFactory(IHttpClientFactory factory, string name) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => factory.CreateClient(name);

        // IHttpClientFactory pools the handlers: the SDK neither caches nor disposes these clients.
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "IHttpClientFactory:" + name;
    }
}
