using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The figures of one SSE run: the gateway's memory before and with the held connections open, how long they took to
/// open, and commit-to-SSE at the staff watcher while bookings arrived at a fixed rate, with the targets judged.
/// </summary>
internal sealed record SseResult(
    DateTimeOffset FinishedAt,
    TimeSpan Poll,
    TimeSpan Setup,
    int Connections,
    int Opened,
    int Users,
    TimeSpan OpenTime,
    IReadOnlyList<string> OpenFailures,
    GatewayMemory Before,
    GatewayMemory Held,
    GatewayMemory After,
    int Rate,
    int Seconds,
    double SentPerSecond,
    double LatestSendMs,
    LiveResult Live,
    FanOut FanOut,
    IReadOnlyList<string> Troubles) : IBenchmarkResult
{
    /// <summary>The connections the issue asks one gateway to hold.</summary>
    public const int TargetConnections = 10_000;

    /// <summary>The gateway memory per held connection the issue allows, in KB (1,024 bytes).</summary>
    public const double TargetKbPerConnection = 32;

    /// <summary>The booking rate the latency target is set at.</summary>
    public const int TargetRate = 200;

    /// <summary>The p99 commit-to-SSE latency the issue asks to stay under, in milliseconds.</summary>
    public const double TargetP99Ms = 250;

    /// <inheritdoc />
    public string Scenario => BenchmarkOptions.Sse;

    /// <inheritdoc />
    /// <remarks>
    /// Every booked booking's two events reached the staff watcher once, every held connection still open got its
    /// doctor's events once, and nothing was refused but with 503 (the gateway shedding an open-loop load it cannot
    /// keep up with is a figure). Connections that failed to open or were cut off are figures too.
    /// </remarks>
    public bool IsComplete =>
        Live.Received == Live.Expected && Live.Duplicates == 0
        && Live.Refusals.All(r => r.StartsWith("503 ", StringComparison.Ordinal))
        && FanOut.Mismatched == 0 && FanOut.Repeats == 0 && Troubles.Count == 0;

    /// <summary>Resident bytes the held connections added, per connection opened.</summary>
    public double ResidentPerConnection => Opened > 0 ? (double)(Held.ResidentBytes - Before.ResidentBytes) / Opened : double.NaN;

    /// <summary>Managed heap bytes (after the last collection) the held connections added, per connection opened.</summary>
    public double HeapPerConnection => Opened > 0 ? (Held.HeapBytes - Before.HeapBytes) / Opened : double.NaN;

    /// <inheritdoc />
    public IReadOnlyList<BenchmarkTarget> Targets()
    {
        var c = CultureInfo.InvariantCulture;
        var kb = ResidentPerConnection / 1024;
        var p99 = Percentile.Of(Live.CommitToSseMs, 99);
        return
        [
            new(
                $"{TargetConnections:N0} SSE connections held, < {TargetKbPerConnection} KB of gateway memory each",
                string.Create(c, $"{kb:0.0} KB ({Opened:N0}/{Connections:N0} open)"),
                Opened >= TargetConnections && kb < TargetKbPerConnection),
            new(
                $"commit-to-SSE p99 < {TargetP99Ms} ms at {TargetRate} bookings/s",
                string.Create(c, $"{p99:0} ms at {SentPerSecond:0}/s"),
                Rate >= TargetRate && SentPerSecond >= 0.95 * TargetRate && p99 < TargetP99Ms),
        ];
    }

    /// <inheritdoc />
    public object Document() => new
    {
        pollMs = Poll.TotalMilliseconds,
        setupSeconds = Setup.TotalSeconds,
        connections = new
        {
            asked = Connections,
            Opened,
            Users,
            SseBenchmark.Doctors,
            openSeconds = OpenTime.TotalSeconds,
            failures = OpenFailures,
            before = Before,
            held = Held,
            afterBookings = After,
            residentBytesPerConnection = ResidentPerConnection,
            heapBytesPerConnection = HeapPerConnection,
        },
        bookings = new
        {
            Rate,
            Seconds,
            sentPerSecond = SentPerSecond,
            latestSendMs = LatestSendMs,
            booked = Live.Expected / 2,
            refusals = Live.Refusals,
            commitToSseMs = Quantiles(Live.CommitToSseMs),
            postMs = Quantiles(Live.PostMs),
            Live.Received,
            Live.Expected,
            Live.Duplicates,
            Live.Trouble,
        },
        fanOut = FanOut,
        Troubles,
    };

    /// <inheritdoc />
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"sse: gateway process on PostgreSQL, embedded Kafka, poll={Poll.TotalMilliseconds:0}ms (setup s={Setup.TotalSeconds:0.0})").AppendLine();
        text.Append(c, $"  connections: {Opened}/{Connections} open in {OpenTime.TotalSeconds:0.0} s ({Users} receptionists, {SseBenchmark.Doctors} doctors' schedule streams), failed={Connections - Opened}").AppendLine();
        foreach (var failure in OpenFailures)
        {
            text.Append("    failed: ").AppendLine(failure);
        }

        text.Append(c, $"  gateway RSS MB before={Mb(Before.ResidentBytes):0.0} held={Mb(Held.ResidentBytes):0.0} after bookings={Mb(After.ResidentBytes):0.0}  ")
            .Append(c, $"per connection={ResidentPerConnection / 1024:0.0} KB").AppendLine();
        text.Append(c, $"  managed heap MB before={Mb(Before.HeapBytes):0.0} held={Mb(Held.HeapBytes):0.0} after bookings={Mb(After.HeapBytes):0.0}  ")
            .Append(c, $"per connection={HeapPerConnection / 1024:0.0} KB  GC committed MB held={Mb(Held.CommittedBytes):0.0}  gateway counts {Held.LiveConnections:0} open").AppendLine();
        text.Append(c, $"  bookings: {Rate}/s open-loop for {Seconds} s, sent/s={SentPerSecond:0.0} (latest send {LatestSendMs:0} ms behind schedule), booked={Live.Expected / 2}  ")
            .Append(c, $"POST ms p50={Percentile.Of(Live.PostMs, 50):0.0} p99={Percentile.Of(Live.PostMs, 99):0.0} max={Percentile.Of(Live.PostMs, 100):0.0}").AppendLine();
        text.Append(c, $"  commit->SSE ms p50={Percentile.Of(Live.CommitToSseMs, 50):0} p95={Percentile.Of(Live.CommitToSseMs, 95):0} p99={Percentile.Of(Live.CommitToSseMs, 99):0} max={Percentile.Of(Live.CommitToSseMs, 100):0}  ")
            .Append(c, $"received={Live.Received}/{Live.Expected} duplicates={Live.Duplicates}").AppendLine();
        text.Append(c, $"  held connections: slot.booked received={FanOut.Received}/{FanOut.Expected}, wrong count={FanOut.Mismatched}, repeats={FanOut.Repeats}, cut off={FanOut.CutOff}");
        foreach (var refusal in Live.Refusals)
        {
            text.AppendLine().Append("  refused: ").Append(refusal);
        }

        foreach (var trouble in Troubles.Append(Live.Trouble).OfType<string>())
        {
            text.AppendLine().Append("  trouble: ").Append(trouble);
        }

        foreach (var target in Targets())
        {
            text.AppendLine().Append(c, $"  target {target.Name}: {target.Measured} → {(target.Met ? "met" : "NOT MET")}");
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"SSE benchmark, {FinishedAt:yyyy-MM-dd HH:mm} UTC: the gateway as its own process (co-hosted silo) on PostgreSQL with the in-process Kafka, ")
            .Append(c, $"outbox poll {Poll.TotalMilliseconds:0} ms.").AppendLine().AppendLine();
        text.AppendLine("| connections open | failed | time to open | RSS before | RSS held | per connection | managed heap per connection |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        text.Append(c, $"| {Opened:N0} | {Connections - Opened} | {OpenTime.TotalSeconds:0.0} s | {Mb(Before.ResidentBytes):0.0} MB | {Mb(Held.ResidentBytes):0.0} MB | ")
            .Append(c, $"{ResidentPerConnection / 1024:0.0} KB | {HeapPerConnection / 1024:0.0} KB |").AppendLine().AppendLine();
        text.AppendLine("| bookings/s (sent) | booked | commit→SSE p50 | p95 | p99 | max | received once |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        text.Append(c, $"| {Rate} ({SentPerSecond:0.0}) | {Live.Expected / 2} | {Percentile.Of(Live.CommitToSseMs, 50):0} ms | {Percentile.Of(Live.CommitToSseMs, 95):0} ms | ")
            .Append(c, $"{Percentile.Of(Live.CommitToSseMs, 99):0} ms | {Percentile.Of(Live.CommitToSseMs, 100):0} ms | {Live.Received}/{Live.Expected} |").AppendLine().AppendLine();
        text.Append(c, $"Meanwhile the {Opened:N0} held connections received {FanOut.Received:N0} of {FanOut.Expected:N0} `slot.booked` events ")
            .Append(c, $"({FanOut.CutOff} cut off, {FanOut.Mismatched} with a wrong count).").AppendLine();
        return text.ToString();
    }

    private static double Mb(double bytes) => bytes / (1024 * 1024);

    private static object Quantiles(IReadOnlyList<double> sorted) => new
    {
        p50 = Percentile.Of(sorted, 50),
        p95 = Percentile.Of(sorted, 95),
        p99 = Percentile.Of(sorted, 99),
        max = Percentile.Of(sorted, 100),
    };
}

/// <summary>
/// What the held connections received during the bookings: <paramref name="Mismatched"/> connections still open whose
/// count of their doctor's <c>slot.booked</c> is not exactly the bookings of that doctor; <paramref name="CutOff"/> ended by the gateway.
/// </summary>
internal sealed record FanOut(long Received, long Expected, int Mismatched, int Repeats, int CutOff)
{
    /// <summary>Compares each open watcher's events since <paramref name="baseline"/> with <paramref name="expected"/>.</summary>
    public static FanOut Of(IReadOnlyList<SseWatcher?> watchers, int[] baseline, int[] expected)
    {
        var (received, wanted, mismatched, repeats, cutOff) = (0L, 0L, 0, 0, 0);
        for (var i = 0; i < watchers.Count; i++)
        {
            if (watchers[i] is not { } watcher)
            {
                continue;
            }

            if (watcher.Ended is not null)
            {
                cutOff++;
                continue;
            }

            received += watcher.Count - baseline[i];
            wanted += expected[i] - baseline[i];
            mismatched += watcher.Count == expected[i] ? 0 : 1;
            repeats += watcher.Repeats;
        }

        return new FanOut(received, wanted, mismatched, repeats, cutOff);
    }
}
