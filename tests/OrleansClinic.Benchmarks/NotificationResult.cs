using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The figures of one notify run; latencies and POST times are sorted, in milliseconds. <paramref name="Elapsed"/> runs
/// from the first booking request to the stand-in's receipt of the last expected SMS.
/// </summary>
internal sealed record NotificationResult(
    string Store,
    TimeSpan Poll,
    int Notifications,
    int Concurrency,
    int Booked,
    int SmsReceived,
    int Texted,
    int Duplicates,
    int Unmatched,
    TimeSpan Elapsed,
    TimeSpan BookingTime,
    TimeSpan Setup,
    IReadOnlyList<double> BookingToSmsMs,
    IReadOnlyList<double> PostMs,
    IReadOnlyList<string> Refusals,
    string? Trouble)
{
    /// <summary>True when every booking was accepted and texted exactly once, and no other SMS arrived.</summary>
    public bool IsComplete =>
        Trouble is null && Refusals.Count == 0 && Booked == Notifications && Texted == Notifications && SmsReceived == Notifications && Duplicates == 0 && Unmatched == 0;

    /// <summary>The result block: the headline line, then the details that explain it.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = Elapsed.TotalSeconds;
        var text = new StringBuilder();
        text.Append(c, $"notify: notifications={Notifications} concurrency={Concurrency} poll={Poll.TotalMilliseconds:0}ms store={Store}  ")
            .Append(c, $"seconds={seconds:0.00} notifications/s={(seconds > 0 ? Texted / seconds : 0):0.0}  ")
            .Append(c, $"booking->SMS ms p50={Percentile.Of(BookingToSmsMs, 50):0} p99={Percentile.Of(BookingToSmsMs, 99):0} max={Percentile.Of(BookingToSmsMs, 100):0}  ")
            .Append(c, $"sms={SmsReceived}/{Notifications}").AppendLine();
        text.Append(c, $"      texted once={Texted} duplicates={Duplicates} unmatched={Unmatched}  booked={Booked} booked/s={(BookingTime.TotalSeconds > 0 ? Booked / BookingTime.TotalSeconds : 0):0}  ")
            .Append(c, $"POST ms p50={Percentile.Of(PostMs, 50):0.0} p99={Percentile.Of(PostMs, 99):0.0}  booking->SMS ms min={Percentile.Of(BookingToSmsMs, 0):0}  setup s={Setup.TotalSeconds:0.0}");
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
