using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansClinic.Streaming.Kafka.Hosting;

/// <summary>Registers the provider's <see cref="KafkaMetrics"/> once per host, however many Kafka providers it has.</summary>
public static class KafkaMetricsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="KafkaMetrics"/> (needs an <see cref="System.Diagnostics.Metrics.IMeterFactory"/>: call <c>AddMetrics</c>).</summary>
    public static IServiceCollection AddKafkaMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<KafkaMetrics>();
        return services;
    }
}
