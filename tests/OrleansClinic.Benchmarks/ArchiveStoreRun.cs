using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The figures of one archive store: bytes, times (writing includes packing and the writer's read-back check), each
/// batch's write and read milliseconds sorted, and how many records read back differ from what was written.
/// <paramref name="DocumentBytes"/> is the records' JSON documents in UTF-8 (uncompressed); <paramref name="CompressedBytes"/>
/// the gzip data objects; <paramref name="ManifestBytes"/> the manifests stored beside them.
/// </summary>
internal sealed record ArchiveStoreRun(
    string Store,
    int Batches,
    int Records,
    long DocumentBytes,
    long CompressedBytes,
    long ManifestBytes,
    TimeSpan WriteTime,
    TimeSpan ReadTime,
    IReadOnlyList<double> WriteMs,
    IReadOnlyList<double> ReadMs,
    int RecordsRead,
    int Differing,
    string? Trouble)
{
    /// <summary>True when every record was written, verified and read back unchanged.</summary>
    public bool IsComplete => Trouble is null && RecordsRead == Records && Differing == 0;

    /// <summary>Uncompressed documents per compressed byte.</summary>
    public double CompressionRatio => CompressedBytes > 0 ? (double)DocumentBytes / CompressedBytes : 0;

    /// <summary>Two lines, the second indented: write+verify, then read, each as records/s and MB/s (10^6 bytes) uncompressed and compressed.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{Store,-6} write+verify: {WriteTime.TotalSeconds:0.00} s  records/s={Rate(Records, WriteTime):0}  ")
            .Append(c, $"MB/s uncompressed={Rate(DocumentBytes, WriteTime) / 1e6:0.0} compressed={Rate(CompressedBytes, WriteTime) / 1e6:0.00}  ")
            .Append(c, $"batch ms p50={Percentile.Of(WriteMs, 50):0} max={Percentile.Of(WriteMs, 100):0}  ")
            .Append(c, $"compression={CompressionRatio:0.00}x ({DocumentBytes / 1e6:0.0} MB -> {CompressedBytes / 1e6:0.00} MB, manifests {ManifestBytes / 1e6:0.00} MB)").AppendLine();
        text.Append(c, $"      {Store,-6} read:         {ReadTime.TotalSeconds:0.00} s  records/s={Rate(Records, ReadTime):0}  ")
            .Append(c, $"MB/s uncompressed={Rate(DocumentBytes, ReadTime) / 1e6:0.0} compressed={Rate(CompressedBytes, ReadTime) / 1e6:0.00}  ")
            .Append(c, $"batch ms p50={Percentile.Of(ReadMs, 50):0} max={Percentile.Of(ReadMs, 100):0}  ")
            .Append(c, $"read back={RecordsRead}/{Records} differing={Differing}");
        if (Trouble is not null)
        {
            text.AppendLine().Append(c, $"      {Store,-6} trouble: ").Append(Trouble);
        }

        return text.ToString();
    }

    private static double Rate(double count, TimeSpan span) => span > TimeSpan.Zero ? count / span.TotalSeconds : 0;
}
