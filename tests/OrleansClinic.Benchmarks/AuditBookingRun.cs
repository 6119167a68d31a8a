using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The measured bookings of one audit run, with the sealer off or on; POST times are sorted, in milliseconds.
/// <paramref name="Events"/> is the outbox rows they wrote, <paramref name="SealedDuringRun"/> those sealed before the
/// last answer, and <paramref name="Sealing"/>, with the sealer on, how it caught up.
/// </summary>
internal sealed record AuditBookingRun(
    bool SealerOn,
    TimeSpan SealInterval,
    int BatchSize,
    int Bookings,
    int Concurrency,
    int Booked,
    TimeSpan BookingTime,
    IReadOnlyList<double> PostMs,
    long Events,
    long SealedDuringRun,
    TimeSpan Setup,
    IReadOnlyList<string> Refusals,
    AuditSealing? Sealing)
{
    /// <summary>201 responses per second of the booking phase.</summary>
    public double BookedPerSecond => BookingTime > TimeSpan.Zero ? Booked / BookingTime.TotalSeconds : 0;

    /// <summary>The run's line (the sealer's setting, the booking rate and latency, what was sealed meanwhile), then the sealer's.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(SealerOn
                ? string.Create(c, $"sealer on  (SealInterval={SealInterval:c} BatchSize={BatchSize})")
                : string.Create(c, $"sealer off (SealInterval={SealInterval:c})"))
            .Append(c, $": booked/s={BookedPerSecond:0} ")
            .Append(c, $"POST ms p50={Percentile.Of(PostMs, 50):0.0} p95={Percentile.Of(PostMs, 95):0.0} p99={Percentile.Of(PostMs, 99):0.0} max={Percentile.Of(PostMs, 100):0.0}  ")
            .Append(c, $"booked={Booked}/{Bookings} outbox rows={Events} ({(Booked > 0 ? (double)Events / Booked : 0):0.0} a booking) sealed during run={SealedDuringRun}  setup s={Setup.TotalSeconds:0.0}");
        if (Sealing is { } s)
        {
            text.AppendLine()
                .Append(c, $"        sealer while booking: sealed={s.Sealed} from the first measured booking until fully sealed in {s.Span.TotalSeconds:0.00} s = {(s.Span > TimeSpan.Zero ? s.Sealed / s.Span.TotalSeconds : 0):0} entries/s  ")
                .Append(c, $"seals={s.Seals} largest={s.Largest}  lag last booking->fully sealed ms={s.Lag.TotalMilliseconds:0}");
        }

        return text.ToString();
    }
}

/// <summary>
/// How the running sealer kept up with the measured bookings: <paramref name="Sealed"/> event entries added from the
/// first measured booking until every outbox row was sealed (<paramref name="Span"/>), <paramref name="Lag"/> of that
/// after the last booking's answer, and the seals (transactions) that did it, the largest in entries.
/// </summary>
internal sealed record AuditSealing(long Sealed, TimeSpan Span, TimeSpan Lag, int Seals, int Largest);
