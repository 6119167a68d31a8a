using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansClinic.Benchmarks;

/// <summary>Writes one run's results as <c>.json</c> and <c>.md</c> beside each other, for docs/performance.md and for comparing runs.</summary>
internal static class BenchmarkReport
{
    // NaN (a level that did not run) is not JSON: written as a string rather than failing the whole report.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The default path without extension: <c>.benchmarks/&lt;name&gt;-&lt;UTC timestamp&gt;</c>.</summary>
    public static string DefaultPath(string name, DateTimeOffset at) =>
        Path.Combine(".benchmarks", name + "-" + at.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>The machine the figures come from, as printed first on the console.</summary>
    public static string Machine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}, server GC={System.Runtime.GCSettings.IsServerGC}{LoadAverage()}");

    /// <summary>Writes <paramref name="path"/>.json and .md (an extension given is dropped); returns both paths.</summary>
    public static async Task<(string Json, string Markdown)> Write(IReadOnlyList<IBenchmarkResult> results, string path, DateTimeOffset finishedAt)
    {
        var stem = Path.GetExtension(path) is ".json" or ".md" ? Path.ChangeExtension(path, null) : path;
        if (Path.GetDirectoryName(Path.GetFullPath(stem)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var document = new
        {
            finishedAt,
            machine = Machine(),
            scenarios = results.ToDictionary(r => r.Scenario, r => r.Document()),
            complete = results.All(r => r.IsComplete),
            targets = results.SelectMany(r => r.Targets().Select(t => new { scenario = r.Scenario, t.Name, t.Measured, t.Met })),
        };
        var json = stem + ".json";
        var markdown = stem + ".md";
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(document, Json));
        await File.WriteAllTextAsync(markdown, Markdown(results, finishedAt));
        return (json, markdown);
    }

    private static string Markdown(IReadOnlyList<IBenchmarkResult> results, DateTimeOffset finishedAt)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Benchmarks finished {finishedAt:yyyy-MM-dd HH:mm} UTC on {Machine()}.").AppendLine().AppendLine();
        var targets = results.SelectMany(r => r.Targets()).ToList();
        if (targets.Count > 0)
        {
            text.AppendLine("| target | measured | |").AppendLine("| --- | ---: | --- |");
            foreach (var target in targets)
            {
                text.Append(c, $"| {target.Name} | {target.Measured} | {(target.Met ? "met" : "not met")} |").AppendLine();
            }

            text.AppendLine();
        }

        foreach (var result in results)
        {
            text.Append(c, $"### {result.Scenario}").AppendLine().AppendLine().AppendLine(result.Markdown().TrimEnd()).AppendLine();
        }

        return text.ToString();
    }

    // Other work on the machine moves every figure; on Linux, say how busy it was when the run began.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}
