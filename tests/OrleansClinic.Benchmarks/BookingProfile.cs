using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Where one booking's time goes, from the spans the clinic already emits (ASP.NET Core, Orleans grain calls, Npgsql):
/// listened to in-process while bookings run one at a time, so spans do not overlap across bookings.
/// </summary>
internal sealed partial class BookingProfile : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentBag<(string Source, string Name, double Ms)> spans = [];

    private BookingProfile()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore" || s.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Add((a.Source.Name, NameOf(a), a.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Starts listening; dispose to stop.</summary>
    public static BookingProfile Start() => new();

    /// <summary>The spans seen so far, grouped by what they did, per booking of <paramref name="bookings"/>, most time first.</summary>
    public IReadOnlyList<ProfileLine> PerBooking(int bookings) =>
    [
        .. spans.GroupBy(s => (s.Source, s.Name))
            .Select(g => new ProfileLine(g.Key.Source, g.Key.Name, (double)g.Count() / bookings, g.Sum(s => s.Ms) / bookings))
            .OrderByDescending(l => l.MsPerBooking),
    ];

    /// <inheritdoc />
    public void Dispose() => listener.Dispose();

    // SQL is named by its verb and table, so the same statement with other values groups together.
    private static string NameOf(Activity activity)
    {
        if (activity.Source.Name != "Npgsql")
        {
            return activity.DisplayName;
        }

        var sql = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? activity.DisplayName;
        var match = SqlShape().Match(sql);
        return match.Success ? $"{match.Groups[1].Value.ToUpperInvariant()} {match.Groups[2].Value}" : sql[..Math.Min(sql.Length, 60)];
    }

    [GeneratedRegex(@"\b(select|insert\s+into|update|delete\s+from|call)\b.*?\b(?:from\s+)?([a-z_]+\.[a-z_]+|[a-z_]+\()", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SqlShape();
}

/// <summary>One kind of span: how many a booking makes on average, and the milliseconds they take per booking.</summary>
internal sealed record ProfileLine(string Source, string Name, double PerBooking, double MsPerBooking)
{
    /// <summary>The lines as a Markdown table.</summary>
    public static string Table(IReadOnlyList<ProfileLine> lines)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| span | source | per booking | ms per booking |").AppendLine("| --- | --- | ---: | ---: |");
        foreach (var line in lines)
        {
            text.Append(c, $"| {line.Name} | {line.Source} | {line.PerBooking:0.00} | {line.MsPerBooking:0.00} |").AppendLine();
        }

        return text.ToString();
    }
}
