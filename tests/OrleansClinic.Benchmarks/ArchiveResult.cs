using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>The figures of the archive benchmark: the synthetic records, then one <see cref="ArchiveStoreRun"/> per store.</summary>
internal sealed record ArchiveResult(int Records, int BatchSize, long DocumentBytes, TimeSpan Generated, IReadOnlyList<ArchiveStoreRun> Runs) : IBenchmarkResult
{
    /// <inheritdoc />
    public string Scenario => BenchmarkOptions.Archive;

    /// <inheritdoc />
    /// <remarks>Every store gave every record back unchanged.</remarks>
    public bool IsComplete => Runs.All(r => r.IsComplete);

    /// <inheritdoc />
    public IReadOnlyList<BenchmarkTarget> Targets() => [];

    /// <inheritdoc />
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"archive: records={Records} batch={BatchSize} batches={(Records + BatchSize - 1) / BatchSize}  ")
            .Append(c, $"document bytes avg={(Records > 0 ? (double)DocumentBytes / Records : 0):0} total={DocumentBytes / 1e6:0.0} MB  generated in {Generated.TotalSeconds:0.0} s");
        foreach (var run in Runs)
        {
            text.AppendLine().Append("      ").Append(run.Format());
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{Records} synthetic appointment records in batches of {BatchSize}, {(Records > 0 ? (double)DocumentBytes / Records : 0):0} bytes of JSON each.").AppendLine().AppendLine();
        text.AppendLine("| store | write+verify records/s | read records/s | batch write p50 ms | compression | read back |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in Runs)
        {
            text.Append(c, $"| {run.Store} | {Rate(run.Records, run.WriteTime):0} | {Rate(run.Records, run.ReadTime):0} | {Percentile.Of(run.WriteMs, 50):0} | ")
                .Append(c, $"{run.CompressionRatio:0.00}× | {run.RecordsRead}/{run.Records}, {run.Differing} differing |").AppendLine();
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public object Document() => new
    {
        Records,
        BatchSize,
        DocumentBytes,
        stores = Runs.Select(r => new
        {
            r.Store,
            r.Batches,
            r.CompressedBytes,
            r.ManifestBytes,
            writeRecordsPerSecond = Rate(r.Records, r.WriteTime),
            readRecordsPerSecond = Rate(r.Records, r.ReadTime),
            writeBatchP50Ms = Percentile.Of(r.WriteMs, 50),
            readBatchP50Ms = Percentile.Of(r.ReadMs, 50),
            r.RecordsRead,
            r.Differing,
            r.Trouble,
        }),
    };

    private static double Rate(double count, TimeSpan span) => span > TimeSpan.Zero ? count / span.TotalSeconds : 0;
}
