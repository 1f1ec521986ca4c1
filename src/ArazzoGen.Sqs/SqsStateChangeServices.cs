using ArazzoGen.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Sqs;

/// <summary>Registers event-driven waits in a host.</summary>
public static class SqsStateChangeServices
{
    /// <summary>
    /// Adds one <see cref="StateChanges"/> for the process (workflows registered with
    /// <c>AddArazzoWorkflows()</c> use it) and a hosted <see cref="SqsStateChangeListener"/> that
    /// feeds it from <paramref name="queueUrl"/>. The container must have an <c>IAmazonSQS</c>
    /// (<c>services.AddAWSService&lt;IAmazonSQS&gt;()</c>).
    /// </summary>
    public static IServiceCollection AddArazzoSqsStateChanges(this IServiceCollection services, string queueUrl, Action<SqsStateChangeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SqsStateChangeOptions { QueueUrl = queueUrl };
        configure?.Invoke(options);
        services.TryAddSingleton<StateChanges>();
        services.AddSingleton(provider => new SqsStateChangeListener(
            provider.GetRequiredService<Amazon.SQS.IAmazonSQS>(),
            provider.GetRequiredService<StateChanges>(),
            options,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<SqsStateChangeListener>>()));
        services.AddHostedService(provider => provider.GetRequiredService<SqsStateChangeListener>());
        return services;
    }
}
