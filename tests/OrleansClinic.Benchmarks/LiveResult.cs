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
            .Append(c, $"commit->SSE ms p50={P(CommitToSseMs, 50):0} p95={P(CommitToSseMs, 95):0} p99={P(CommitToSseMs, 99):0} max={P(CommitToSseMs, 100):0}  ")
            .Append(c, $"received={Received}/{Expected}").AppendLine();
        text.Append(c, $"      POST ms p50={P(PostMs, 50):0.0} p99={P(PostMs, 99):0.0} max={P(PostMs, 100):0.0}  commit->SSE ms min={P(CommitToSseMs, 0):0}  ")
            .Append(c, $"duplicates={Duplicates}  events: ")
            .AppendJoin(' ', EventsByType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(c)));
        if (CommitToKafkaMs.Count > 0)
        {
            text.AppendLine()
                .Append(c, $"      split ms (Kafka create time): commit->Kafka p50={P(CommitToKafkaMs, 50):0} p95={P(CommitToKafkaMs, 95):0} p99={P(CommitToKafkaMs, 99):0}  ")
                .Append(c, $"Kafka->SSE p50={P(KafkaToSseMs, 50):0} p95={P(KafkaToSseMs, 95):0} p99={P(KafkaToSseMs, 99):0} min={P(KafkaToSseMs, 0):0}");
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

    // Nearest rank; 0 is the minimum and 100 the maximum.
    private static double P(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
