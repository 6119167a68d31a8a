using System.Globalization;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// One relay under a steady open-loop load of <paramref name="Rate"/> commits a second: whether the load kept its
/// schedule, how far behind the relay was when it ended, and each row's commit-to-sent time (sorted, milliseconds),
/// over the run and over its first and second halves.
/// </summary>
internal sealed record OutboxSteadyRun(
    int Rate,
    TimeSpan Poll,
    int BatchSize,
    int Rows,
    TimeSpan LoadTime,
    IReadOnlyList<double> LateMs,
    long UnsentAtEnd,
    TimeSpan OldestAtEnd,
    TimeSpan Tail,
    int Rounds,
    IReadOnlyList<double> SentMs,
    IReadOnlyList<double> ProducedMs,
    IReadOnlyList<double> FirstHalfSentMs,
    IReadOnlyList<double> SecondHalfSentMs,
    OutboxCensus Census,
    IReadOnlyList<string> Troubles)
{
    /// <summary>Every row published once to each destination, nothing stuck.</summary>
    public bool IsComplete => Troubles.Count == 0 && Census.IsExact;

    /// <summary>
    /// The relay kept up: when the load stopped, less than one second of it was waiting. A relay slower than the load
    /// falls further behind every second, so by the end it has more than that waiting.
    /// </summary>
    public bool KeptUp => UnsentAtEnd <= Rate;

    /// <summary>Rows committed per second, as achieved.</summary>
    public double CommittedPerSecond => LoadTime > TimeSpan.Zero ? Rows / LoadTime.TotalSeconds : 0;

    /// <summary>One console block.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = string.Create(
            c,
            $"outbox steady: rate={Rate}/s poll={Poll.TotalMilliseconds:0}ms batch={BatchSize} rows={Rows} committed/s={CommittedPerSecond:0} (commit start late p99={Percentile.Of(LateMs, 99):0.0} ms)  ")
            + string.Create(c, $"commit->sent ms p50={Percentile.Of(SentMs, 50):0} p95={Percentile.Of(SentMs, 95):0} p99={Percentile.Of(SentMs, 99):0} max={Percentile.Of(SentMs, 100):0}  ")
            + string.Create(c, $"commit->Kafka ms p50={Percentile.Of(ProducedMs, 50):0} p99={Percentile.Of(ProducedMs, 99):0}")
            + string.Create(c, $"\n  p95 first half={Percentile.Of(FirstHalfSentMs, 95):0} second half={Percentile.Of(SecondHalfSentMs, 95):0}  ")
            + string.Create(c, $"unsent when the load stopped={UnsentAtEnd} (oldest {OldestAtEnd.TotalMilliseconds:0} ms) tail={Tail.TotalMilliseconds:0} ms rounds={Rounds} kept up={(KeptUp ? "yes" : "NO")}  ")
            + Census.Summary();
        return Troubles.Aggregate(text, (t, trouble) => t + "\n  trouble: " + trouble);
    }
}
