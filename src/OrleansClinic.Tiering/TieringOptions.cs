using NodaTime;

namespace OrleansClinic.Tiering;

/// <summary>When and how much the tiering job moves (section <c>Clinic:Tiering</c>).</summary>
public sealed class TieringOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Clinic:Tiering";

    /// <summary>How long after they ended appointments stay in PostgreSQL, as an ISO period (<c>P13M</c>, the default).</summary>
    public string HotWindow { get; set; } = "P13M";

    /// <summary><see cref="HotWindow"/> read as a period (the validator has checked it).</summary>
    public Period HotWindowPeriod => NodaTime.Text.PeriodPattern.NormalizingIso.Parse(HotWindow).GetValueOrThrow();

    /// <summary>Time between runs: twice a day by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Appointments archived, verified and deleted per step; one archive object per step.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Patients reviewed for the end of retention per step, once the run has moved what it had to.</summary>
    public int ReviewBatchSize { get; set; } = 100;

    /// <summary>How long outbox events stay after the relay published them (and the audit trail sealed them): a week.</summary>
    public TimeSpan SentEventsKept { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long consumers remember an event they processed, so a redelivery does nothing twice: 30 days, longer than
    /// Kafka keeps a message by default (7 days), so no event can come back once forgotten.
    /// </summary>
    public TimeSpan ProcessedEventsKept { get; set; } = TimeSpan.FromDays(30);
}
