using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>The figures of the archive benchmark: the synthetic records, then one <see cref="ArchiveStoreRun"/> per store.</summary>
internal sealed record ArchiveResult(int Records, int BatchSize, long DocumentBytes, TimeSpan Generated, IReadOnlyList<ArchiveStoreRun> Runs)
{
    /// <summary>True when every store gave every record back unchanged.</summary>
    public bool IsComplete => Runs.All(r => r.IsComplete);

    /// <summary>The result block: the records, then two lines a store.</summary>
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
}
