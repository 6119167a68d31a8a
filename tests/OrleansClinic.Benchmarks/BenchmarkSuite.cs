namespace OrleansClinic.Benchmarks;

/// <summary>The scenarios that report targets and figures in one format, in the order <c>all</c> runs them.</summary>
internal static class BenchmarkSuite
{
    /// <summary>Each scenario's name and how to run it; each starts (and stops) what it measures itself.</summary>
    public static readonly IReadOnlyList<(string Name, Func<BenchmarkOptions, Task<IBenchmarkResult>> Run)> Scenarios =
    [
        (BenchmarkOptions.Booking, async o => await BookingBenchmark.Run(o)),
        (BenchmarkOptions.Search, async o => await SearchBenchmark.Run(o)),
        (BenchmarkOptions.Sse, async o => await SseBenchmark.Run(o)),
        (BenchmarkOptions.Outbox, async o => await OutboxBenchmark.Run(o)),
        (BenchmarkOptions.Reassign, async o => await ReassignmentBenchmark.Run(o, o.PollIntervals[0])),
        (BenchmarkOptions.Archive, async o => await ArchiveBenchmark.Run(o)),
    ];

    /// <summary>
    /// Runs <paramref name="names"/> one after another, printing each result as it comes, then writes them together;
    /// returns 0 when none found a bug.
    /// </summary>
    public static async Task<int> Run(BenchmarkOptions options, IReadOnlyList<string> names)
    {
        var results = new List<IBenchmarkResult>();
        foreach (var (name, run) in Scenarios.Where(s => names.Contains(s.Name)))
        {
            var result = await run(options);
            Console.WriteLine(result.Format());
            results.Add(result);
        }

        var finishedAt = DateTimeOffset.UtcNow;
        var stem = names.Count == 1 ? names[0] : BenchmarkOptions.All;
        var (json, markdown) = await BenchmarkReport.Write(results, options.Out ?? BenchmarkReport.DefaultPath(stem, finishedAt), finishedAt);
        Console.WriteLine($"written: {json}, {markdown}");
        return results.All(r => r.IsComplete) ? 0 : 1;
    }
}
