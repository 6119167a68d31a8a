using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>The figures of the outbox benchmark: backlog drains per batch size, then steady loads per commit rate.</summary>
internal sealed record OutboxResult(string Durability, IReadOnlyList<OutboxDrainRun> Drains, IReadOnlyList<OutboxSteadyRun> Steady) : IBenchmarkResult
{
    /// <inheritdoc />
    public string Scenario => BenchmarkOptions.Outbox;

    /// <inheritdoc />
    /// <remarks>Every row of every run was published exactly once to each topic of its route, and no relay got stuck.</remarks>
    public bool IsComplete => Drains.All(d => d.IsComplete) && Steady.All(s => s.IsComplete);

    /// <inheritdoc />
    /// <remarks>The issue sets no figure for the relay.</remarks>
    public IReadOnlyList<BenchmarkTarget> Targets() => [];

    /// <inheritdoc />
    public string Format()
    {
        var text = new StringBuilder("outbox: ").Append(Durability).Append(", Kafka: the embedded clinic's in-process mock cluster (1 broker, 4 partitions a topic)");
        foreach (var drain in Drains)
        {
            text.AppendLine().Append("  ").Append(drain.Format().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        foreach (var run in Steady)
        {
            text.AppendLine().Append("  ").Append(run.Format().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"One relay on {Durability}, publishing to the embedded clinic's Kafka (librdkafka's in-process mock cluster, one broker, four partitions a topic). ")
            .Append("Rows are bookings' `appointment.booked` (three copies: appointments, patient-appointments, clinic.all) and `slot.booked` (two: doctors, clinic.all), alternately.")
            .AppendLine().AppendLine();
        if (Drains.Count > 0)
        {
            text.AppendLine("| backlog drain | batch | seconds | rows/s | copies/s | ms a round: read | Kafka | mark sent | lag query | published once |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var d in Drains)
            {
                text.Append(c, $"| {d.Rows:N0} | {d.BatchSize} | {d.Elapsed.TotalSeconds:0.00} | {d.RowsPerSecond:0} | {d.CopiesPerSecond:0} | ")
                    .Append(c, $"{d.PerRoundMs(d.ReadTime):0.0} | {d.PerRoundMs(d.KafkaTime):0.0} | {d.PerRoundMs(d.MarkTime):0.0} | {d.PerRoundMs(d.LagTime):0.0} | {Exact(d.Census)} |").AppendLine();
            }

            text.AppendLine();
        }

        if (Steady.Count > 0)
        {
            text.AppendLine("| steady load | poll | batch | committed/s | commit → sent p50 / p95 / p99 / max ms | commit → Kafka p50 ms | unsent at end | kept up | published once |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
            foreach (var s in Steady)
            {
                text.Append(c, $"| {s.Rate}/s × {s.LoadTime.TotalSeconds:0} s | {s.Poll.TotalMilliseconds:0} ms | {s.BatchSize} | {s.CommittedPerSecond:0} | ")
                    .Append(c, $"{Percentile.Of(s.SentMs, 50):0} / {Percentile.Of(s.SentMs, 95):0} / {Percentile.Of(s.SentMs, 99):0} / {Percentile.Of(s.SentMs, 100):0} | ")
                    .Append(c, $"{Percentile.Of(s.ProducedMs, 50):0} | {s.UnsentAtEnd} | {(s.KeptUp ? "yes" : "no")} | {Exact(s.Census)} |").AppendLine();
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public object Document() => new
    {
        Durability,
        kafka = "embedded mock cluster, 1 broker, 4 partitions",
        drains = Drains.Select(d => new
        {
            d.BatchSize,
            d.Rows,
            seconds = d.Elapsed.TotalSeconds,
            rowsPerSecond = d.RowsPerSecond,
            copiesPerSecond = d.CopiesPerSecond,
            d.Rounds,
            readMsPerRound = d.PerRoundMs(d.ReadTime),
            kafkaMsPerRound = d.PerRoundMs(d.KafkaTime),
            markMsPerRound = d.PerRoundMs(d.MarkTime),
            lagMsPerRound = d.PerRoundMs(d.LagTime),
            census = Census(d.Census),
            d.Trouble,
        }),
        steady = Steady.Select(s => new
        {
            s.Rate,
            pollMs = s.Poll.TotalMilliseconds,
            s.BatchSize,
            s.Rows,
            loadSeconds = s.LoadTime.TotalSeconds,
            committedPerSecond = s.CommittedPerSecond,
            commitStartLateP99Ms = Percentile.Of(s.LateMs, 99),
            sentP50Ms = Percentile.Of(s.SentMs, 50),
            sentP95Ms = Percentile.Of(s.SentMs, 95),
            sentP99Ms = Percentile.Of(s.SentMs, 99),
            sentMaxMs = Percentile.Of(s.SentMs, 100),
            sentP95FirstHalfMs = Percentile.Of(s.FirstHalfSentMs, 95),
            sentP95SecondHalfMs = Percentile.Of(s.SecondHalfSentMs, 95),
            producedP50Ms = Percentile.Of(s.ProducedMs, 50),
            producedP99Ms = Percentile.Of(s.ProducedMs, 99),
            s.UnsentAtEnd,
            oldestAtEndMs = s.OldestAtEnd.TotalMilliseconds,
            tailMs = s.Tail.TotalMilliseconds,
            s.Rounds,
            s.KeptUp,
            census = Census(s.Census),
            s.Troubles,
        }),
    };

    private static object Census(OutboxCensus census) => new
    {
        census.Rows,
        census.Unsent,
        census.ExpectedCopies,
        census.ReceivedCopies,
        census.Missing,
        census.Repeated,
        census.Unexpected,
        census.IsExact,
    };

    private static string Exact(OutboxCensus census) =>
        census.IsExact
            ? string.Create(CultureInfo.InvariantCulture, $"yes, {census.ReceivedCopies:N0} copies")
            : string.Create(CultureInfo.InvariantCulture, $"NO: {census.Missing} missing, {census.Repeated} repeated, {census.Unexpected} unexpected, {census.Unsent} unsent");
}
