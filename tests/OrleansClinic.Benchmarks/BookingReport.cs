using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansClinic.Benchmarks;

/// <summary>Writes a booking run as <c>.json</c> and <c>.md</c> beside each other, for docs/performance.md and for comparing runs.</summary>
internal static class BookingReport
{
    // NaN (a level that did not run) is not JSON: written as a string rather than failing the whole report.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The default path without extension: <c>.benchmarks/booking-&lt;UTC timestamp&gt;</c>.</summary>
    public static string DefaultPath(DateTimeOffset at) =>
        Path.Combine(".benchmarks", "booking-" + at.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>Writes <paramref name="path"/>.json and .md (an extension given is dropped); returns both paths.</summary>
    public static async Task<(string Json, string Markdown)> Write(BookingResult result, string path)
    {
        var stem = Path.GetExtension(path) is ".json" or ".md" ? Path.ChangeExtension(path, null) : path;
        if (Path.GetDirectoryName(Path.GetFullPath(stem)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // Percentiles rather than every latency: the file is for reading and comparing, not for re-analysis.
        var document = new
        {
            result.FinishedAt,
            result.Processors,
            result.Durability,
            levels = result.Levels.Select(l => new
            {
                l.Concurrency,
                l.Bookings,
                l.Booked,
                seconds = l.Elapsed.TotalSeconds,
                bookedPerSecond = l.BookedPerSecond,
                p50Ms = Percentile.Of(l.PostMs, 50),
                p95Ms = Percentile.Of(l.PostMs, 95),
                p99Ms = Percentile.Of(l.PostMs, 99),
                maxMs = Percentile.Of(l.PostMs, 100),
                pgbenchTps = result.Pgbench.FirstOrDefault(p => p.Clients == l.Concurrency)?.Tps,
                ratio = result.Ratio(l.Concurrency),
            }),
            pgbench = result.Pgbench,
            contention = new
            {
                result.Contention.Clients,
                result.Contention.Slots,
                result.Contention.Booked,
                result.Contention.Conflicts,
                result.Contention.SlotsBooked,
                result.Contention.Other,
                p50Ms = Percentile.Of(result.Contention.PostMs, 50),
                p99Ms = Percentile.Of(result.Contention.PostMs, 99),
                maxMs = Percentile.Of(result.Contention.PostMs, 100),
            },
            result.DoubleBookings,
            targets = result.Targets(),
            result.Troubles,
        };
        var json = stem + ".json";
        var markdown = stem + ".md";
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(document, Json));
        await File.WriteAllTextAsync(markdown, result.Markdown());
        return (json, markdown);
    }
}
