using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The figures of one reassignment run; step times are sorted, in milliseconds. <paramref name="Total"/> runs from the
/// <c>MarkUnavailable</c> call to the workflow's finish stamp.
/// </summary>
internal sealed record ReassignmentResult(
    string Store,
    int Appointments,
    int Colleagues,
    int PreBooked,
    int Listed,
    int Moved,
    int NeedsAttention,
    int ExpectedNeedsAttention,
    int Other,
    TimeSpan Total,
    TimeSpan MarkUnavailable,
    TimeSpan Setup,
    IReadOnlyList<double> StepMs,
    string? Trouble) : IBenchmarkResult
{
    /// <inheritdoc />
    public string Scenario => BenchmarkOptions.Reassign;

    /// <inheritdoc />
    /// <remarks>The workflow completed and every appointment was moved or flagged, as many flagged as planned.</remarks>
    public bool IsComplete =>
        Trouble is null && Listed == Appointments && Moved + NeedsAttention == Appointments && NeedsAttention == ExpectedNeedsAttention && Other == 0;

    /// <summary>Appointments moved or flagged per second of the whole run.</summary>
    public double PerSecond => Total > TimeSpan.Zero ? Appointments / Total.TotalSeconds : 0;

    /// <inheritdoc />
    public IReadOnlyList<BenchmarkTarget> Targets() => [];

    /// <inheritdoc />
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = Total.TotalSeconds;
        var text = new StringBuilder();
        text.Append(c, $"reassign: appointments={Appointments} store={Store}  ")
            .Append(c, $"moved={Moved} needs_attention={NeedsAttention}  ")
            .Append(c, $"total s={seconds:0.00} appointments/s={(seconds > 0 ? Appointments / seconds : 0):0.0}  ")
            .Append(c, $"step ms p50={Percentile.Of(StepMs, 50):0.0} p99={Percentile.Of(StepMs, 99):0.0} max={Percentile.Of(StepMs, 100):0.0}").AppendLine();
        text.Append(c, $"      MarkUnavailable ms={MarkUnavailable.TotalMilliseconds:0}  step ms min={Percentile.Of(StepMs, 0):0.0} steps={StepMs.Count}  ")
            .Append(c, $"listed={Listed} other outcomes={Other} needs_attention expected={ExpectedNeedsAttention}  ")
            .Append(c, $"colleagues={Colleagues} pre-booked={PreBooked}  setup s={Setup.TotalSeconds:0.0}");
        if (Trouble is not null)
        {
            text.AppendLine().Append("      trouble: ").Append(Trouble);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public string Markdown() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        | appointments | store | moved | needs attention | total s | appointments/s | step p50 ms | step p99 ms |
        | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
        | {Appointments} | {Store} | {Moved} | {NeedsAttention} (expected {ExpectedNeedsAttention}) | {Total.TotalSeconds:0.00} | {PerSecond:0.0} | {Percentile.Of(StepMs, 50):0.0} | {Percentile.Of(StepMs, 99):0.0} |

        """);

    /// <inheritdoc />
    public object Document() => new
    {
        Appointments,
        Store,
        Moved,
        NeedsAttention,
        ExpectedNeedsAttention,
        Other,
        totalSeconds = Total.TotalSeconds,
        appointmentsPerSecond = PerSecond,
        stepP50Ms = Percentile.Of(StepMs, 50),
        stepP99Ms = Percentile.Of(StepMs, 99),
        markUnavailableMs = MarkUnavailable.TotalMilliseconds,
        Trouble,
    };
}
