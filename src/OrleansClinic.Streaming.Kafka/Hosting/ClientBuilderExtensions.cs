using Orleans.Hosting;

namespace OrleansClinic.Streaming.Kafka.Hosting;

/// <summary>Adds the Kafka persistent stream provider to a cluster client.</summary>
public static class ClientBuilderExtensions
{
    /// <summary>Adds a Kafka persistent stream provider named <paramref name="name"/>.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The stream provider's name (the same as the silos').</param>
    /// <param name="configureOptions">Sets the Kafka options.</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder AddKafkaStreams(this IClientBuilder builder, string name, Action<KafkaStreamOptions> configureOptions) =>
        builder.AddKafkaStreams(name, b => b.ConfigureKafka(ob => ob.Configure(configureOptions)));

    /// <summary>Adds a Kafka persistent stream provider named <paramref name="name"/>, configured in full.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The stream provider's name (the same as the silos').</param>
    /// <param name="configure">Configures options and pub-sub.</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder AddKafkaStreams(this IClientBuilder builder, string name, Action<ClusterClientKafkaStreamConfigurator>? configure)
    {
        var configurator = new ClusterClientKafkaStreamConfigurator(name, builder);
        configure?.Invoke(configurator);
        return builder;
    }
}
