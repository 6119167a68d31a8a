using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>The figures of one slot search run: per number of doctors, the cold search and each concurrency level.</summary>
internal sealed record SearchResult(
    DateTimeOffset FinishedAt,
    int Processors,
    int Searches,
    int? Limit,
    TimeSpan Setup,
    IReadOnlyList<SearchSize> Sizes,
    IReadOnlyList<string> Troubles) : IBenchmarkResult
{
    /// <summary>The number of doctors the issue's target is set for.</summary>
    public const int TargetDoctors = 1_000;

    /// <summary>The p99 search latency (one week, concurrency 1) the issue asks to stay under, in milliseconds.</summary>
    public const double TargetP99Ms = 100;

    /// <inheritdoc />
    public string Scenario => BenchmarkOptions.Search;

    /// <inheritdoc />
    /// <remarks>Every search answered 200 with exactly the free slots: none booked, none missing, in order.</remarks>
    public bool IsComplete => Troubles.Count == 0;

    /// <inheritdoc />
    public IReadOnlyList<BenchmarkTarget> Targets()
    {
        var level = Sizes.FirstOrDefault(s => s.Doctors == TargetDoctors)?.Levels.FirstOrDefault(l => l.Concurrency == 1);
        var p99 = level is null ? double.NaN : Percentile.Of(level.Ms, 99);
        var c = CultureInfo.InvariantCulture;
        return [new(string.Create(c, $"slot search, {TargetDoctors:N0} doctors, one week{LimitText}: p99 at c=1 < {TargetP99Ms} ms"), string.Create(c, $"{p99:0.0} ms"), p99 < TargetP99Ms)];
    }

    /// <inheritdoc />
    public object Document() => new
    {
        Processors,
        Searches,
        Limit,
        setupSeconds = Setup.TotalSeconds,
        sizes = Sizes.Select(s => new
        {
            s.Doctors,
            s.FreeSlots,
            s.ResponseSlots,
            s.ResponseBytes,
            s.ColdMs,
            levels = s.Levels.Select(l => new
            {
                l.Concurrency,
                l.Searches,
                seconds = l.Elapsed.TotalSeconds,
                searchesPerSecond = l.PerSecond,
                p50Ms = Percentile.Of(l.Ms, 50),
                p95Ms = Percentile.Of(l.Ms, 95),
                p99Ms = Percentile.Of(l.Ms, 99),
                maxMs = Percentile.Of(l.Ms, 100),
            }),
        }),
        Troubles,
    };

    /// <inheritdoc />
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"search: one week{LimitText}, PostgreSQL, setup {Setup.TotalSeconds:0.0} s");
        foreach (var size in Sizes)
        {
            text.AppendLine().Append(c, $"  {size.Doctors} doctors: {size.ResponseSlots} slots of {size.FreeSlots} free, {size.ResponseBytes / 1024.0:0.0} KiB; cold search {size.ColdMs:0.0} ms");
            foreach (var level in size.Levels)
            {
                text.AppendLine().Append(c, $"    c={level.Concurrency,-2} searches={level.Searches} searches/s={level.PerSecond:0.0}  ")
                    .Append(c, $"ms p50={Percentile.Of(level.Ms, 50):0.0} p95={Percentile.Of(level.Ms, 95):0.0} p99={Percentile.Of(level.Ms, 99):0.0} max={Percentile.Of(level.Ms, 100):0.0}");
            }
        }

        foreach (var target in Targets())
        {
            text.AppendLine().Append(c, $"  target {target.Name}: {target.Measured} → {(target.Met ? "met" : "NOT MET")}");
        }

        foreach (var trouble in Troubles)
        {
            text.AppendLine().Append("  trouble: ").Append(trouble);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Slot search benchmark, {FinishedAt:yyyy-MM-dd HH:mm} UTC, {Processors} processors, one week{LimitText}, gateway on PostgreSQL.").AppendLine().AppendLine();
        text.AppendLine("| doctors | slots returned | response KiB | cold ms | concurrency | searches | searches/s | p50 ms | p95 ms | p99 ms | max ms |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in Sizes)
        {
            foreach (var level in size.Levels)
            {
                text.Append(c, $"| {size.Doctors} | {size.ResponseSlots} of {size.FreeSlots} | {size.ResponseBytes / 1024.0:0.0} | {size.ColdMs:0.0} | ")
                    .Append(c, $"{level.Concurrency} | {level.Searches} | {level.PerSecond:0.0} | {Percentile.Of(level.Ms, 50):0.0} | {Percentile.Of(level.Ms, 95):0.0} | ")
                    .Append(c, $"{Percentile.Of(level.Ms, 99):0.0} | {Percentile.Of(level.Ms, 100):0.0} |").AppendLine();
            }
        }

        if (Troubles.Count > 0)
        {
            text.AppendLine().Append("Troubles: ").AppendJoin("; ", Troubles).AppendLine();
        }

        return text.ToString();
    }

    private string LimitText => Limit is { } limit ? string.Create(CultureInfo.InvariantCulture, $", limit {limit}") : "";
}

/// <summary>The searches across one number of doctors: what one response holds, the first search, and each level.</summary>
internal sealed record SearchSize(int Doctors, int FreeSlots, int ResponseSlots, int ResponseBytes, double ColdMs, IReadOnlyList<SearchLevel> Levels);

/// <summary>Searches at one concurrency; times (request to last byte) sorted, in milliseconds.</summary>
internal sealed record SearchLevel(int Concurrency, int Searches, TimeSpan Elapsed, IReadOnlyList<double> Ms)
{
    /// <summary>Searches answered per second of the level.</summary>
    public double PerSecond => Elapsed > TimeSpan.Zero ? Searches / Elapsed.TotalSeconds : 0;
}
