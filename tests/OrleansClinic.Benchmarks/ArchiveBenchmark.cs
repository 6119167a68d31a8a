using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Archive;
using OrleansClinic.Archive.S3;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The archive store of docs/archive-tiers.md at size: synthetic appointment records written batch by batch through
/// <see cref="ArchiveWriter"/> (pack, upload, read back and check) and read back through <see cref="ArchiveReader"/>,
/// first to a local directory, then to S3 as s3rver serves it; every record read back is compared with what was written.
/// </summary>
internal static class ArchiveBenchmark
{
    private const string DataType = "appointments";
    private const string Bucket = "clinic-archive-bench";

    /// <summary>Generates the records once and measures each store with them.</summary>
    public static async Task<ArchiveResult> Run(BenchmarkOptions options)
    {
        var clock = Stopwatch.StartNew();
        var records = SyntheticAppointments.Generate(options.Records);
        var generated = clock.Elapsed;
        var documentBytes = records.Sum(r => (long)Encoding.UTF8.GetByteCount(r.Document));
        var runs = new List<ArchiveStoreRun>();

        var root = Directory.CreateTempSubdirectory("clinic-archive-bench-");
        try
        {
            using var local = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root.FullName });
            runs.Add(await Measure("local", local, records, documentBytes, options.BatchSize));
        }
        finally
        {
            Delete(root);
        }

        await using var s3rver = await S3rverStandIn.StartAsync(Bucket);

        // s3rver accepts only its own account. The store gets its S3 client as production does (AddS3ArchiveStore),
        // with credentials from the SDK's default chain, which reads these variables first.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", S3rverStandIn.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", S3rverStandIn.SecretKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        await using var services = new ServiceCollection()
            .AddS3ArchiveStore(s3 =>
            {
                s3.BucketName = s3rver.BucketName;
                s3.ServiceUrl = s3rver.Url.ToString();
                s3.ForcePathStyle = true;
                s3.Region = "ap-southeast-2";
            })
            .BuildServiceProvider();
        runs.Add(await Measure("s3rver", services.GetRequiredService<IArchiveStore>(), records, documentBytes, options.BatchSize));
        return new ArchiveResult(options.Records, options.BatchSize, documentBytes, generated, runs);
    }

    /// <summary>Writes every batch (timed), then reads every batch back (timed) and compares its records (untimed).</summary>
    private static async Task<ArchiveStoreRun> Measure(string name, IArchiveStore store, ArchiveRecord[] records, long documentBytes, int batchSize)
    {
        // One batch id per run, so a store that already holds a batch of this name cannot answer "already archived".
        var run = Guid.NewGuid().ToString("N")[..8];
        var createdAt = DateTimeOffset.UtcNow;
        var batches = records.Chunk(batchSize).Select((chunk, i) => new ArchiveBatch($"bench-{run}-{i:D5}", DataType, createdAt, chunk)).ToArray();
        var receipts = new List<ArchiveWriteReceipt>(batches.Length);
        var (writeMs, readMs) = (new List<double>(batches.Length), new List<double>(batches.Length));
        var (writeTime, readTime) = (TimeSpan.Zero, TimeSpan.Zero);
        var (read, differing) = (0, 0);
        string? trouble = null;
        try
        {
            var writer = new ArchiveWriter(store);
            var started = Stopwatch.GetTimestamp();
            foreach (var batch in batches)
            {
                var call = Stopwatch.GetTimestamp();
                receipts.Add(await writer.WriteAsync(batch));
                writeMs.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
            }

            writeTime = Stopwatch.GetElapsedTime(started);
            var reader = new ArchiveReader(store);
            for (var i = 0; i < batches.Length; i++)
            {
                var call = Stopwatch.GetTimestamp();
                var archived = await reader.ReadAsync(receipts[i].ManifestKey);
                var elapsed = Stopwatch.GetElapsedTime(call);
                readTime += elapsed;
                readMs.Add(elapsed.TotalMilliseconds);
                read += archived.Records.Count;
                differing += Differences(batches[i].Records, archived.Records);
            }
        }
        catch (ArchiveException e)
        {
            trouble = $"{e.GetType().Name}: {e.Message}";
        }

        if (receipts.Any(r => r.AlreadyArchived))
        {
            trouble ??= "a fresh batch was answered as already archived";
        }

        writeMs.Sort();
        readMs.Sort();
        return new ArchiveStoreRun(
            name,
            batches.Length,
            records.Length,
            documentBytes,
            receipts.Sum(r => r.Manifest.CompressedSize),
            receipts.Sum(r => (long)r.Manifest.ToJson().Length),
            writeTime,
            readTime,
            writeMs,
            readMs,
            read,
            differing,
            trouble);
    }

    /// <summary>Records of <paramref name="written"/> not read back the same at the same place (id and document, ordinal), and any missing or extra.</summary>
    private static int Differences(IReadOnlyList<ArchiveRecord> written, IReadOnlyList<ArchiveRecord> read) =>
        written.Zip(read).Count(p => !p.First.Equals(p.Second)) + Math.Abs(written.Count - read.Count);

    private static void Delete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the figures are printed either way.
        }
    }
}
