namespace OrleansClinic.Archive.Tests;

/// <summary>The embedded clinic's archive directory: the store contract, its files on disk, and its model of the cold tier.</summary>
public sealed class LocalDirectoryArchiveStoreTests : ArchiveStoreContract, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string root = Directory.CreateTempSubdirectory("clinic-archive-").FullName;
    private readonly ManualClock clock = new(Start);

    public void Dispose() => Directory.Delete(root, recursive: true);

    protected override Task<IArchiveStore> CreateStoreAsync() => Task.FromResult<IArchiveStore>(Store());

    protected override Task CorruptAsync(IArchiveStore store, string key, byte[] content) =>
        File.WriteAllBytesAsync(Path.Combine(((LocalDirectoryArchiveStore)store).ObjectsDirectory, key), content, Cancellation);

    [Fact]
    public async Task Objects_lie_under_the_root_and_prefix_in_the_key_layout_with_a_sidecar_and_no_temporary_files()
    {
        using var store = Store();

        var receipt = await new ArchiveWriter(store).WriteAsync(ArchiveSamples.Batch(), Cancellation);

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "archive/appointments/2026/05/batch-0001.jsonl.gz",
            "archive/appointments/2026/05/batch-0001.jsonl.gz.archive-meta.json",
            "archive/appointments/2026/05/batch-0001.manifest.json",
            "archive/appointments/2026/05/batch-0001.manifest.json.archive-meta.json",
        ], files);
        var sidecar = await File.ReadAllTextAsync(Path.Combine(root, "archive/appointments/2026/05/batch-0001.jsonl.gz.archive-meta.json"), Cancellation);
        Assert.Contains($"\"sha256\": \"{receipt.Manifest.Sha256}\"", sidecar, StringComparison.Ordinal);
        Assert.Contains("\"storageClass\": \"STANDARD_IA\"", sidecar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_file_without_its_sidecar_is_an_unfinished_put_that_the_next_put_replaces()
    {
        using var store = Store();
        var path = Path.Combine(root, "archive", "k", "a.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Bytes("half written"), Cancellation);

        Assert.Null(await store.HeadAsync("k/a.json", Cancellation));
        Assert.Empty(await store.ListAsync("", Cancellation));
        Assert.Equal(ArchivePutOutcome.Stored, await store.PutAsync("k/a.json", Bytes("complete"), Cancellation));
        Assert.Equal(Bytes("complete"), await store.GetAsync("k/a.json", Cancellation));
    }

    [Fact]
    public async Task A_sidecar_name_cannot_be_used_as_a_key()
    {
        using var store = Store();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("k/a.json.archive-meta.json", Bytes("x"), Cancellation));
    }

    [Theory]
    [InlineData(ArchiveStorageClasses.GlacierFlexibleRetrieval)]
    [InlineData(ArchiveStorageClasses.DeepArchive)]
    public async Task A_cold_object_is_readable_only_between_its_restore_finishing_and_expiring(string coldClass)
    {
        using var store = Store(restoreDelay: TimeSpan.FromHours(4));
        await store.PutAsync("k/a.jsonl.gz", Bytes("cold records"), Cancellation);

        await store.TransitionAsync("k/a.jsonl.gz", coldClass, Cancellation);

        await AssertState(store, ArchiveRetrievalState.Archived, coldClass);
        var needsRestore = await Assert.ThrowsAsync<ArchiveRestoreRequiredException>(() => store.GetAsync("k/a.jsonl.gz", Cancellation));
        Assert.Equal("k/a.jsonl.gz", needsRestore.Key);
        Assert.Contains("request a restore", needsRestore.Message, StringComparison.Ordinal);

        await store.RequestRestoreAsync("k/a.jsonl.gz", days: 2, Cancellation);
        await AssertState(store, ArchiveRetrievalState.RestoreInProgress, coldClass);
        var inProgress = await Assert.ThrowsAsync<ArchiveRestoreRequiredException>(() => store.GetAsync("k/a.jsonl.gz", Cancellation));
        Assert.Contains("still in progress", inProgress.Message, StringComparison.Ordinal);
        // Asking again while it runs does not start it over.
        clock.Advance(TimeSpan.FromHours(3));
        await store.RequestRestoreAsync("k/a.jsonl.gz", days: 2, Cancellation);

        clock.Advance(TimeSpan.FromHours(1));
        var restored = await AssertState(store, ArchiveRetrievalState.Restored, coldClass);
        Assert.Equal(Start + TimeSpan.FromHours(4) + TimeSpan.FromDays(2), restored.RestoreExpiresAt);
        Assert.Equal(Bytes("cold records"), await store.GetAsync("k/a.jsonl.gz", Cancellation));

        clock.Advance(TimeSpan.FromDays(2));
        await AssertState(store, ArchiveRetrievalState.Archived, coldClass);
        await Assert.ThrowsAsync<ArchiveRestoreRequiredException>(() => store.GetAsync("k/a.jsonl.gz", Cancellation));
    }

    [Fact]
    public async Task With_no_restore_delay_a_restore_is_readable_at_once_and_asking_again_extends_it()
    {
        using var store = Store();
        await store.PutAsync("k/a.jsonl.gz", Bytes("cold records"), Cancellation);
        await store.TransitionAsync("k/a.jsonl.gz", ArchiveStorageClasses.GlacierFlexibleRetrieval, Cancellation);

        await store.RequestRestoreAsync("k/a.jsonl.gz", days: 1, Cancellation);
        Assert.Equal(Bytes("cold records"), await store.GetAsync("k/a.jsonl.gz", Cancellation));
        clock.Advance(TimeSpan.FromHours(20));
        await store.RequestRestoreAsync("k/a.jsonl.gz", days: 1, Cancellation);

        var head = await AssertState(store, ArchiveRetrievalState.Restored, ArchiveStorageClasses.GlacierFlexibleRetrieval);
        Assert.Equal(Start + TimeSpan.FromHours(20) + TimeSpan.FromDays(1), head.RestoreExpiresAt);
    }

    [Fact]
    public async Task A_batch_whose_data_went_cold_reads_only_after_a_restore()
    {
        using var store = Store();
        var receipt = await new ArchiveWriter(store).WriteAsync(ArchiveSamples.Batch(), Cancellation);
        await store.TransitionAsync(receipt.Manifest.ObjectKey, ArchiveStorageClasses.DeepArchive, Cancellation);
        var reader = new ArchiveReader(store);

        await Assert.ThrowsAsync<ArchiveRestoreRequiredException>(() => reader.ReadAsync(receipt.ManifestKey, Cancellation));
        await store.RequestRestoreAsync(receipt.Manifest.ObjectKey, 3, Cancellation);

        Assert.Equal(ArchiveSamples.Batch().Records, (await reader.ReadAsync(receipt.ManifestKey, Cancellation)).Records);
    }

    [Fact]
    public async Task Only_the_archives_storage_classes_can_be_transitioned_to()
    {
        using var store = Store();
        await store.PutAsync("k/a.json", Bytes("x"), Cancellation);

        await Assert.ThrowsAsync<ArgumentException>(() => store.TransitionAsync("k/a.json", "GLACIER_IR", Cancellation));
        await Assert.ThrowsAsync<ArchiveObjectNotFoundException>(() => store.TransitionAsync("k/missing.json", "GLACIER", Cancellation));
    }

    [Fact]
    public async Task An_empty_prefix_puts_objects_in_the_root_itself()
    {
        using var store = Store(keyPrefix: "");

        await store.PutAsync("k/a.json", Bytes("x"), Cancellation);

        Assert.True(File.Exists(Path.Combine(root, "k", "a.json")));
    }

    private static async Task<ArchiveObjectInfo> AssertState(LocalDirectoryArchiveStore store, ArchiveRetrievalState state, string storageClass)
    {
        var head = await store.HeadAsync("k/a.jsonl.gz", Cancellation);
        Assert.NotNull(head);
        Assert.Equal(state, head.State);
        Assert.Equal(storageClass, head.StorageClass);
        return head;
    }

    private LocalDirectoryArchiveStore Store(TimeSpan? restoreDelay = null, string keyPrefix = "archive") =>
        new(new ArchiveOptions { RootDirectory = root, KeyPrefix = keyPrefix, RestoreDelay = restoreDelay ?? TimeSpan.Zero }, clock);
}
