using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansClinic.Streaming.Kafka.Hosting;

/// <summary>Configures the Kafka persistent stream provider on a silo.</summary>
public class SiloKafkaStreamConfigurator : SiloPersistentStreamConfigurator
{
    /// <summary>Registers the provider's factory, options logging and validator.</summary>
    /// <param name="name">The stream provider's name.</param>
    /// <param name="configureServicesDelegate">Adds services to the silo.</param>
    public SiloKafkaStreamConfigurator(string name, Action<Action<IServiceCollection>> configureServicesDelegate)
        : base(name, configureServicesDelegate, KafkaAdapterFactory.Create)
    {
        ConfigureDelegate(services => services
            .AddMetrics()
            .AddKafkaMetrics()
            .ConfigureNamedOptionForLogging<KafkaStreamOptions>(name)
            .ConfigureNamedOptionForLogging<SimpleQueueCacheOptions>(name)
            .AddTransient<IConfigurationValidator>(sp => new KafkaStreamOptionsValidator(
                sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), name)));
    }

    /// <summary>Configures <see cref="KafkaStreamOptions"/>.</summary>
    /// <param name="configureOptions">Configures the options builder.</param>
    /// <returns>This configurator.</returns>
    public SiloKafkaStreamConfigurator ConfigureKafka(Action<OptionsBuilder<KafkaStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }

    /// <summary>
    /// Sets the per-queue cache size. Offsets are committed as the cache releases delivered messages, in tenths of
    /// this size, so a smaller cache means fewer re-deliveries after a crash (and less read-ahead).
    /// </summary>
    /// <param name="cacheSize">Messages cached per queue.</param>
    /// <returns>This configurator.</returns>
    public SiloKafkaStreamConfigurator ConfigureCache(int cacheSize = SimpleQueueCacheOptions.DEFAULT_CACHE_SIZE)
    {
        this.Configure<SimpleQueueCacheOptions>(ob => ob.Configure(options => options.CacheSize = cacheSize));
        return this;
    }
}
