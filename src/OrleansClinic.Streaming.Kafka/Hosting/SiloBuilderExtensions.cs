using Orleans.Hosting;

namespace OrleansClinic.Streaming.Kafka.Hosting;

/// <summary>Adds the Kafka persistent stream provider to a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds a Kafka persistent stream provider named <paramref name="name"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The stream provider's name.</param>
    /// <param name="configureOptions">Sets the Kafka options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamOptions> configureOptions) =>
        builder.AddKafkaStreams(name, b => b.ConfigureKafka(ob => ob.Configure(configureOptions)));

    /// <summary>Adds a Kafka persistent stream provider named <paramref name="name"/>, configured in full.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The stream provider's name.</param>
    /// <param name="configure">Configures options, cache, balancing and pub-sub.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<SiloKafkaStreamConfigurator>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configurator = new SiloKafkaStreamConfigurator(name, services => builder.ConfigureServices(services));
        configure?.Invoke(configurator);
        return builder;
    }
}
