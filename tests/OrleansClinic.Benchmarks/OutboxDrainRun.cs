using System.Globalization;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// One relay draining a backlog of <paramref name="Rows"/> at <paramref name="BatchSize"/>: the time from its start to the
/// last row marked sent, its rounds, and the time its store calls took (the rest of a round is Kafka).
/// </summary>
internal sealed record OutboxDrainRun(
    int BatchSize,
    int Rows,
    TimeSpan Elapsed,
    int Rounds,
    TimeSpan ReadTime,
    TimeSpan MarkTime,
    TimeSpan LagTime,
    OutboxCensus Census,
    string? Trouble)
{
    /// <summary>Every row published once to each destination, nothing stuck.</summary>
    public bool IsComplete => Trouble is null && Census.IsExact;

    /// <summary>Rows marked sent per second of the drain.</summary>
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>Messages (copies) acknowledged per second of the drain.</summary>
    public double CopiesPerSecond => Elapsed > TimeSpan.Zero ? Census.ExpectedCopies / Elapsed.TotalSeconds : 0;

    /// <summary>Time of the drain not spent in the store: producing, waiting for acknowledgements, the relay's own work.</summary>
    public TimeSpan KafkaTime => Elapsed - ReadTime - MarkTime - LagTime;

    /// <summary>Milliseconds per round of <paramref name="part"/>.</summary>
    public double PerRoundMs(TimeSpan part) => Rounds > 0 ? part.TotalMilliseconds / Rounds : double.NaN;

    /// <summary>One console line.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(
            c,
            $"outbox drain: batch={BatchSize} rows={Rows} seconds={Elapsed.TotalSeconds:0.00} rows/s={RowsPerSecond:0} copies/s={CopiesPerSecond:0} rounds={Rounds}  ")
            + string.Create(c, $"ms/round read={PerRoundMs(ReadTime):0.0} kafka={PerRoundMs(KafkaTime):0.0} mark={PerRoundMs(MarkTime):0.0} lag={PerRoundMs(LagTime):0.0}  ")
            + Census.Summary();
        return Trouble is null ? line : line + "\n  trouble: " + Trouble;
    }
}
