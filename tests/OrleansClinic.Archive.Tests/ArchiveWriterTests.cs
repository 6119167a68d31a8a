namespace OrleansClinic.Archive.Tests;

/// <summary>The writer answers only once what it uploaded reads back intact: a store that loses or changes bytes gets no receipt.</summary>
public sealed class ArchiveWriterTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("clinic-archive-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(Fault.ReadsBackChanged)]
    [InlineData(Fault.ReadsBackShort)]
    [InlineData(Fault.RecordsAnotherChecksum)]
    [InlineData(Fault.LosesTheObject)]
    public async Task An_upload_that_does_not_read_back_intact_is_an_integrity_failure(Fault fault)
    {
        using var inner = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root });
        var writer = new ArchiveWriter(new FaultyStore(inner, fault));

        var e = await Assert.ThrowsAsync<ArchiveIntegrityException>(() => writer.WriteAsync(ArchiveSamples.Batch(), Cancellation));

        Assert.Equal("appointments/2026/05/batch-0001.jsonl.gz", e.Key);
    }

    [Fact]
    public async Task The_data_object_is_uploaded_before_its_manifest()
    {
        using var inner = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root });
        var store = new FaultyStore(inner, Fault.None);

        await new ArchiveWriter(store).WriteAsync(ArchiveSamples.Batch(), Cancellation);

        Assert.Equal(["appointments/2026/05/batch-0001.jsonl.gz", "appointments/2026/05/batch-0001.manifest.json"], store.Puts);
    }

    public enum Fault
    {
        None,
        ReadsBackChanged,
        ReadsBackShort,
        RecordsAnotherChecksum,
        LosesTheObject,
    }

    // A store that misbehaves on data objects only, in the ways a faulty backend or a buggy adapter could.
    private sealed class FaultyStore(IArchiveStore inner, Fault fault) : IArchiveStore
    {
        public List<string> Puts { get; } = [];

        public Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            Puts.Add(key);
            return inner.PutAsync(key, content, cancellationToken);
        }

        public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            var bytes = await inner.GetAsync(key, cancellationToken);
            return !IsData(key) ? bytes
                : fault == Fault.ReadsBackChanged ? [.. bytes[..^1], (byte)(bytes[^1] ^ 1)]
                : fault == Fault.ReadsBackShort ? bytes[..^1]
                : bytes;
        }

        public async Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
        {
            var head = await inner.HeadAsync(key, cancellationToken);
            return !IsData(key) ? head
                : fault == Fault.LosesTheObject ? null
                : fault == Fault.RecordsAnotherChecksum ? head! with { Sha256 = new string('0', 64) }
                : head;
        }

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default) => inner.RequestRestoreAsync(key, days, cancellationToken);

        private static bool IsData(string key) => key.EndsWith(ArchiveKeys.DataSuffix, StringComparison.Ordinal);
    }
}
