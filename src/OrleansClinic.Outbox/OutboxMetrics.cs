using System.Diagnostics.Metrics;

namespace OrleansClinic.Outbox;

/// <summary>The relay's instruments on the <c>OrleansClinic.Outbox</c> meter: outbox lag gauges and a published counter.</summary>
public sealed class OutboxMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Outbox";

    /// <summary>Gauge: unsent rows in <c>outbox.event</c>.</summary>
    public const string LagName = "clinic.outbox.lag";

    /// <summary>Gauge: seconds since the oldest unsent row was written (0 when none waits).</summary>
    public const string OldestUnsentAgeName = "clinic.outbox.oldest_unsent_age_seconds";

    /// <summary>Counter: rows published and marked sent.</summary>
    public const string PublishedName = "clinic.outbox.published";

    private readonly bool ownsMeter;
    private readonly Counter<long> published;
    private volatile OutboxLag lag = OutboxLag.None;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own when null.</summary>
    public OutboxMetrics(IMeterFactory? meterFactory = null)
    {
        ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Meter.CreateObservableGauge(LagName, () => lag.UnsentCount, unit: "{event}", description: "Outbox rows not yet published to Kafka.");
        Meter.CreateObservableGauge(
            OldestUnsentAgeName, () => lag.OldestUnsentAge.TotalSeconds, unit: "s", description: "Age of the oldest outbox row not yet published.");
        published = Meter.CreateCounter<long>(PublishedName, unit: "{event}", description: "Outbox rows published to Kafka and marked sent.");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    internal OutboxLag Lag => lag;

    internal void RecordLag(OutboxLag value) => lag = value;

    internal void RecordPublished(int count) => published.Add(count);

    /// <inheritdoc />
    public void Dispose()
    {
        // A factory's meters belong to the factory, which disposes them with the container.
        if (ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
