using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansClinic.Outbox;

/// <summary>
/// Publishes committed outbox rows to Kafka, in sequence order, to each of their destinations (see
/// <see cref="OutboxRelayOptions.Routes"/>), with an idempotent producer, and marks them sent once the brokers acknowledged
/// every copy. Runs in every silo; only the holder of the store's lease publishes. A crash between publish and mark
/// re-sends those rows: consumers dedupe by event id (<see cref="ProcessedEvents"/>).
/// </summary>
public sealed class OutboxRelay : BackgroundService
{
    /// <summary>How often the lag gauges are refreshed while full batches keep the relay busy.</summary>
    internal static readonly TimeSpan BusyLagRefresh = TimeSpan.FromSeconds(1);

    private readonly OutboxRelayOptions options;
    private readonly ILogger logger;
    private readonly IOutboxStore store;
    private readonly string holder;
    private IProducer<string, byte[]>? producer;
    private volatile bool holdsLease;
    private volatile bool producerBroken;
    private long leaseRenewedAt;
    private long lagReadAt;

    /// <summary>Creates a relay of <paramref name="store"/> with <paramref name="options"/>; <paramref name="meterFactory"/> owns its meter when given.</summary>
    public OutboxRelay(IOptions<OutboxRelayOptions> options, IOutboxStore store, ILogger<OutboxRelay>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        this.options = options.Value;
        var validation = new OutboxRelayOptionsValidator().Validate(null, this.options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(OutboxRelayOptions), typeof(OutboxRelayOptions), validation.Failures);
        }

        this.logger = logger ?? (ILogger)NullLogger.Instance;
        this.store = store;
        holder = string.IsNullOrWhiteSpace(this.options.HolderId)
            ? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"
            : this.options.HolderId;
        Metrics = new OutboxMetrics(meterFactory);
    }

    /// <summary>This relay's name in the lease row.</summary>
    public string HolderId => holder;

    /// <summary>True while this relay holds the lease (as of its last attempt to take or renew it).</summary>
    public bool HoldsLease => holdsLease;

    /// <summary>The relay's lag gauges and published counter.</summary>
    public OutboxMetrics Metrics { get; }

    /// <summary>Test hook: give the lease up on a graceful stop (true) or leave it to expire, as a crashed process would.</summary>
    internal bool ReleaseLeaseOnStop { get; set; } = true;

    /// <summary>Test hook: runs after the brokers acknowledged a batch and before it is marked sent.</summary>
    internal Func<IReadOnlyList<long>, CancellationToken, Task>? BeforeMarkSent { get; set; }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Handled below: an abrupt stop.
        }

        // An abrupt stop (a killed silo) leaves the lease to expire, as a crash would.
        if (ReleaseLeaseOnStop && holdsLease && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await store.ReleaseLeaseAsync(holder, cancellationToken);
                holdsLease = false;
            }
            catch (NpgsqlException e)
            {
                // The lease then simply expires; a successor waits at most LeaseDuration.
                logger.LogWarning(e, "Outbox relay {Holder} could not release its lease", holder);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        producer?.Dispose();
        Metrics.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RunRoundAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is KafkaException or NpgsqlException or TimeoutException or OutboxPublishException)
            {
                wait = Backoff(failures++);
                logger.LogWarning(e, "Outbox relay {Holder} failed a round; retrying in {Wait}", holder, wait);
                await TryRefreshLagAsync(stoppingToken);
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<TimeSpan> RunRoundAsync(CancellationToken cancellationToken)
    {
        // Renewing every round would write the lease row several times a second; a third of its duration leaves margin.
        if (!holdsLease || Stopwatch.GetElapsedTime(leaseRenewedAt) >= options.LeaseDuration / 3)
        {
            var renewing = Stopwatch.GetTimestamp();
            holdsLease = await store.TryAcquireLeaseAsync(holder, options.LeaseDuration, cancellationToken);
            leaseRenewedAt = renewing;
        }

        if (!holdsLease)
        {
            await TryRefreshLagAsync(cancellationToken);
            return options.PollInterval;
        }

        var rows = await store.ReadUnsentAsync(options.BatchSize, cancellationToken);
        if (rows.Count > 0)
        {
            await PublishAsync(rows, cancellationToken);
        }

        // The lag query counts every unsent row, so during a backlog it cost as much as a round's own work (a third of a
        // round of 100 in the outbox benchmark) and slowed the relay most when it was furthest behind. Between full
        // batches it runs at most once a second; gauges are scraped far less often.
        var full = rows.Count == options.BatchSize;
        if (!full || Stopwatch.GetElapsedTime(lagReadAt) >= BusyLagRefresh)
        {
            Metrics.RecordLag(await store.ReadLagAsync(cancellationToken));
            lagReadAt = Stopwatch.GetTimestamp();
        }

        // A full batch suggests more are waiting: go again at once.
        return full ? TimeSpan.Zero : options.PollInterval;
    }

    private async Task PublishAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var kafka = Producer();

        // Enqueued in sequence order: the idempotent producer keeps that order per partition, retries included.
        var deliveries = new List<(string Topic, string Key, Task<DeliveryResult<string, byte[]>> Delivery)[]>(rows.Count);
        var spans = new List<(Activity Span, Task<DeliveryResult<string, byte[]>> Delivery)>();
        foreach (var row in rows)
        {
            var destinations = options.DestinationsFor(row.EventType);
            var sends = new List<(string, string, Task<DeliveryResult<string, byte[]>>)>(destinations.Count);
            foreach (var destination in destinations)
            {
                if (destination.KeyFor(row) is { } key)
                {
                    var span = OutboxTracing.StartSend(row, destination.Topic);
                    var message = OutboxEnvelope.ToMessage(row, key, OutboxTracing.TraceParentFor(span, row));
                    var delivery = kafka.ProduceAsync(destination.Topic, message, CancellationToken.None);
                    sends.Add((destination.Topic, key, delivery));
                    if (span is not null)
                    {
                        spans.Add((span, delivery));
                    }
                }
            }

            deliveries.Add([.. sends]);
        }

        try
        {
            await Task.WhenAll(deliveries.SelectMany(d => d.Select(s => s.Delivery))).WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Each delivery is inspected below.
        }
        finally
        {
            foreach (var (span, delivery) in spans)
            {
                OutboxTracing.EndSend(span, delivery);
            }
        }

        // A row is sent when every copy landed and no earlier row of this batch failed on one of its (topic, key) streams:
        // then no stream sees an event before an earlier one of the same key. Rows on other keys go on, so an outage of
        // one partition neither holds back nor re-sends the rest.
        var acknowledged = new List<long>(rows.Count);
        var blocked = new HashSet<(string Topic, string Key)>();
        Exception? failure = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var landed = true;
            foreach (var (topic, key, delivery) in deliveries[i])
            {
                if (delivery.IsCompletedSuccessfully && delivery.Result.Status == PersistenceStatus.Persisted && !blocked.Contains((topic, key)))
                {
                    continue;
                }

                landed = false;
                blocked.Add((topic, key));
                if (!delivery.IsCompletedSuccessfully || delivery.Result.Status != PersistenceStatus.Persisted)
                {
                    failure ??= delivery.Exception?.GetBaseException()
                        ?? new OutboxPublishException($"Event {rows[i].EventId} was not persisted ({delivery.Result.Status}).");
                    if (delivery.Exception?.GetBaseException() is KafkaException { Error.IsFatal: true })
                    {
                        producerBroken = true;
                    }
                }
            }

            if (landed)
            {
                acknowledged.Add(rows[i].Sequence);
            }
        }

        if (acknowledged.Count > 0)
        {
            if (BeforeMarkSent is { } hook)
            {
                await hook(acknowledged, cancellationToken);
            }

            await store.MarkSentAsync(acknowledged, cancellationToken);
            Metrics.RecordPublished(acknowledged.Count);
        }

        if (failure is not null)
        {
            throw new OutboxPublishException(
                $"Published {acknowledged.Count} of {rows.Count} outbox rows; the rest wait for the next attempt.", failure);
        }
    }

    private IProducer<string, byte[]> Producer()
    {
        if (producer is not null && !producerBroken)
        {
            return producer;
        }

        // A fatal error (such as a fenced idempotent producer) leaves the handle unusable: start a fresh one.
        producer?.Dispose();
        producerBroken = false;
        var config = new ProducerConfig(new Dictionary<string, string>(options.ProducerConfig))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "orleansclinic-outbox-relay",
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            MessageTimeoutMs = (int)options.ProduceTimeout.TotalMilliseconds,
            LingerMs = 5,
        };
        producer = new ProducerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    producerBroken = true;
                }

                logger.LogWarning("Outbox relay producer error {Code}: {Reason}", error.Code, error.Reason);
            })
            .SetLogHandler((_, message) => logger.LogDebug("librdkafka {Facility}: {Message}", message.Facility, message.Message))
            .Build();
        return producer;
    }

    private async Task TryRefreshLagAsync(CancellationToken cancellationToken)
    {
        try
        {
            Metrics.RecordLag(await store.ReadLagAsync(cancellationToken));
        }
        catch (NpgsqlException e)
        {
            // The gauges keep their last value; the failing round is already logged.
            logger.LogDebug(e, "Outbox relay could not read the outbox lag");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures, 30));
        var wait = options.BackoffMin * factor;
        return wait > options.BackoffMax ? options.BackoffMax : wait;
    }
}
