using System.Globalization;
using System.Text;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The figures of the audit benchmark: the booking runs with the sealer off and on (in the order run), the direct
/// seals of a backlog, and the last sealer-on database's chain verified at the end over every outbox row.
/// </summary>
internal sealed record AuditResult(
    IReadOnlyList<AuditBookingRun> Runs,
    AuditBacklog Backlog,
    AuditVerification Chain,
    TimeSpan VerifyTime,
    long OutboxRows,
    long Missing,
    string? Trouble)
{
    /// <summary>True when every booking was accepted, everything was sealed, the chain is intact and holds every outbox row.</summary>
    public bool IsComplete =>
        Trouble is null && Chain.Intact && Missing == 0 && Runs.All(r => r.Refusals.Count == 0 && r.Booked == r.Bookings) && Backlog.Sealed >= Backlog.Rows;

    /// <summary>The result block: the headline (the sealer's cost on the booking path), then each run, the backlog, the chain.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var off = Runs.Where(r => !r.SealerOn).ToList();
        var on = Runs.Where(r => r.SealerOn).ToList();
        var text = new StringBuilder();
        text.Append(c, $"audit: bookings={Runs[0].Bookings} concurrency={Runs[0].Concurrency} store=postgres runs={off.Count}+{on.Count}  ")
            .Append(c, $"sealer's cost on the booking path{(Runs.Count > 2 ? " (medians)" : "")}: ")
            .Append(c, $"booked/s {Median(off, r => r.BookedPerSecond):0} -> {Median(on, r => r.BookedPerSecond):0} ({Percent(Median(on, r => r.BookedPerSecond), Median(off, r => r.BookedPerSecond))})  ")
            .Append(c, $"POST ms p50 {Delta(off, on, 50)} p95 {Delta(off, on, 95)} p99 {Delta(off, on, 99)}");
        foreach (var run in Runs)
        {
            text.AppendLine().Append("      ").Append(run.Format());
        }

        var calls = Backlog.CallMs;
        text.AppendLine()
            .Append(c, $"      sealer on a backlog: rows={Backlog.Rows} sealed={Backlog.Sealed} by {calls.Count} SealAsync(1000) calls in {Backlog.Time.TotalSeconds:0.00} s = {(Backlog.Time > TimeSpan.Zero ? Backlog.Sealed / Backlog.Time.TotalSeconds : 0):0} entries/s  ")
            .Append(c, $"call ms first={(calls.Count > 0 ? calls[0] : double.NaN):0} last full={(calls.Count > 1 ? calls[^2] : double.NaN):0} max={(calls.Count > 0 ? calls.Max() : double.NaN):0}");
        text.AppendLine()
            .Append(c, $"      chain: intact={Chain.Intact} entries={Chain.Entries} head={Chain.HeadSequence} verified in {VerifyTime.TotalSeconds:0.00} s  outbox rows={OutboxRows} missing from the chain={Missing}");
        if (!Chain.Intact)
        {
            text.AppendLine().Append(c, $"      broken at {Chain.BrokenAt}: {Chain.Problem}");
        }

        foreach (var refusal in Runs.SelectMany(r => r.Refusals.Select(x => (r.SealerOn ? "sealer on: " : "sealer off: ") + x)))
        {
            text.AppendLine().Append("      refused: ").Append(refusal);
        }

        if (Trouble is not null)
        {
            text.AppendLine().Append("      trouble: ").Append(Trouble);
        }

        return text.ToString();
    }

    private static string Delta(List<AuditBookingRun> off, List<AuditBookingRun> on, double percentile) =>
        (Median(on, r => Percentile.Of(r.PostMs, percentile)) - Median(off, r => Percentile.Of(r.PostMs, percentile))).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string Percent(double on, double off) =>
        off > 0 ? ((on - off) / off).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "n/a";

    // The median of the runs' figures; the middle two averaged when there is an even number.
    private static double Median(List<AuditBookingRun> runs, Func<AuditBookingRun, double> figure)
    {
        var sorted = runs.Select(figure).Order().ToList();
        return sorted.Count == 0 ? double.NaN : (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Direct seals of <paramref name="Rows"/> outbox rows inserted at once: what was sealed, in how long, and each call's
/// milliseconds in call order (the last found less than a batch).
/// </summary>
internal sealed record AuditBacklog(int Rows, long Sealed, TimeSpan Time, IReadOnlyList<double> CallMs);
