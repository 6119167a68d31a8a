using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>Creates the Kafka queue adapter, its cache and its queue mapper for one named stream provider.</summary>
public class KafkaAdapterFactory : IQueueAdapterFactory
{
    private readonly string _providerName;
    private readonly KafkaStreamOptions _options;
    private readonly Serializer _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KafkaQueueMapper _queueMapper;
    private readonly KafkaQueueAdapterCache _cache;
    private readonly KafkaMetrics? _metrics;

    /// <summary>Creates the factory; use <see cref="Create"/> from hosting code.</summary>
    /// <param name="name">The stream provider's name.</param>
    /// <param name="options">The provider's Kafka options.</param>
    /// <param name="cacheOptions">Size of the per-queue cache; a smaller cache commits offsets sooner.</param>
    /// <param name="agentOptions">The pulling agents' settings: how many messages they hand a consumer per call.</param>
    /// <param name="serializer">The Orleans serializer for batches.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="metrics">The consumer lag and receipt instruments, when the host registered them.</param>
    public KafkaAdapterFactory(string name, KafkaStreamOptions options, SimpleQueueCacheOptions cacheOptions, StreamPullingAgentOptions agentOptions,
        Serializer serializer, ILoggerFactory loggerFactory, KafkaMetrics? metrics = null)
    {
        _metrics = metrics;
        _providerName = name;
        _options = options;
        _serializer = serializer;
        _loggerFactory = loggerFactory;
        _queueMapper = new KafkaQueueMapper(options, name);
        _cache = new KafkaQueueAdapterCache(
            cacheOptions.CacheSize, options.CacheRetention, Math.Max(1, agentOptions.BatchContainerBatchSize), TimeProvider.System, name, loggerFactory);
    }

    /// <inheritdoc />
    public Task<IQueueAdapter> CreateAdapter() =>
        Task.FromResult<IQueueAdapter>(new KafkaAdapter(_providerName, _options, _queueMapper, _serializer, _loggerFactory, _metrics));

    /// <inheritdoc />
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc />
    public IStreamQueueMapper GetStreamQueueMapper() => _queueMapper;

    /// <inheritdoc />
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    /// <summary>Creates the factory for the named provider from the service provider (the hosting entry point).</summary>
    /// <param name="services">The silo's or client's services.</param>
    /// <param name="name">The stream provider's name.</param>
    /// <returns>The factory.</returns>
    public static KafkaAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetOptionsByName<KafkaStreamOptions>(name);
        var cacheOptions = services.GetOptionsByName<SimpleQueueCacheOptions>(name);
        var agentOptions = services.GetOptionsByName<StreamPullingAgentOptions>(name);
        return ActivatorUtilities.CreateInstance<KafkaAdapterFactory>(services, name, options, cacheOptions, agentOptions);
    }
}
