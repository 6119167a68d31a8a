using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>The figures of one setting; latencies and POST times are sorted, in milliseconds; the split is empty without embedded Kafka.</summary>
internal sealed record LiveResult(
    TimeSpan Poll,
    int Bookings,
    int Concurrency,
    double BookedPerSecond,
    double SseEventsPerSecond,
    IReadOnlyList<double> CommitToSseMs,
    IReadOnlyList<double> CommitToKafkaMs,
    IReadOnlyList<double> KafkaToSseMs,
    IReadOnlyList<double> PostMs,
    int Received,
    int Expected,
    int Duplicates,
    IReadOnlyDictionary<string, int> EventsByType,
    IReadOnlyList<string> Refusals,
    string? Trouble)
{
    /// <summary>True when every booking's events arrived exactly once.</summary>
    public bool IsComplete => Received == Expected && Duplicates == 0 && Refusals.Count == 0;

    /// <summary>The result block: the headline line, then the details that explain it.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"live: bookings={Bookings} concurrency={Concurrency} poll={Poll.TotalMilliseconds:0}ms  ")
            .Append(c, $"booked/s={BookedPerSecond:0} sse events/s={SseEventsPerSecond:0}  ")
            .Append(c, $"commit->SSE ms p50={Percentile.Of(CommitToSseMs, 50):0} p95={Percentile.Of(CommitToSseMs, 95):0} p99={Percentile.Of(CommitToSseMs, 99):0} max={Percentile.Of(CommitToSseMs, 100):0}  ")
            .Append(c, $"received={Received}/{Expected}").AppendLine();
        text.Append(c, $"      POST ms p50={Percentile.Of(PostMs, 50):0.0} p99={Percentile.Of(PostMs, 99):0.0} max={Percentile.Of(PostMs, 100):0.0}  commit->SSE ms min={Percentile.Of(CommitToSseMs, 0):0}  ")
            .Append(c, $"duplicates={Duplicates}  events: ")
            .AppendJoin(' ', EventsByType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(c)));
        if (CommitToKafkaMs.Count > 0)
        {
            text.AppendLine()
                .Append(c, $"      split ms (Kafka create time): commit->Kafka p50={Percentile.Of(CommitToKafkaMs, 50):0} p95={Percentile.Of(CommitToKafkaMs, 95):0} p99={Percentile.Of(CommitToKafkaMs, 99):0}  ")
                .Append(c, $"Kafka->SSE p50={Percentile.Of(KafkaToSseMs, 50):0} p95={Percentile.Of(KafkaToSseMs, 95):0} p99={Percentile.Of(KafkaToSseMs, 99):0} min={Percentile.Of(KafkaToSseMs, 0):0}");
        }

        foreach (var refusal in Refusals)
        {
            text.AppendLine().Append("      refused: ").Append(refusal);
        }

        if (Trouble is not null)
        {
            text.AppendLine().Append("      trouble: ").Append(Trouble);
        }

        return text.ToString();
    }
}
