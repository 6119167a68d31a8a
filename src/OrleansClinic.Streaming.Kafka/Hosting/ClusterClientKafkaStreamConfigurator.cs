using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansClinic.Streaming.Kafka.Hosting;

/// <summary>Configures the Kafka persistent stream provider on a cluster client (which only writes).</summary>
public class ClusterClientKafkaStreamConfigurator : ClusterClientPersistentStreamConfigurator
{
    /// <summary>Registers the provider's factory, options logging and validator.</summary>
    /// <param name="name">The stream provider's name.</param>
    /// <param name="builder">The client builder.</param>
    public ClusterClientKafkaStreamConfigurator(string name, IClientBuilder builder)
        : base(name, builder, KafkaAdapterFactory.Create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services
            .AddMetrics()
            .AddKafkaMetrics()
            .ConfigureNamedOptionForLogging<KafkaStreamOptions>(name)
            .AddTransient<IConfigurationValidator>(sp => new KafkaStreamOptionsValidator(
                sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), name)));
    }

    /// <summary>Configures <see cref="KafkaStreamOptions"/>.</summary>
    /// <param name="configureOptions">Configures the options builder.</param>
    /// <returns>This configurator.</returns>
    public ClusterClientKafkaStreamConfigurator ConfigureKafka(Action<OptionsBuilder<KafkaStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }
}
