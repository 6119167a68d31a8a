using System.Text;

namespace OrleansClinic.Archive.Tests;

/// <summary>
/// What every <see cref="IArchiveStore"/> must do, run against each store: write-once puts, verified reads, head,
/// list, delete, and the writer and reader over it. Each test gets a fresh, empty store.
/// </summary>
public abstract class ArchiveStoreContract
{
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IArchiveStore> CreateStoreAsync();

    /// <summary>Replaces the stored bytes under <paramref name="key"/> behind the store's back, leaving its recorded checksum.</summary>
    protected abstract Task CorruptAsync(IArchiveStore store, string key, byte[] content);

    [Fact]
    public async Task An_object_reads_back_as_written_with_its_size_checksum_and_warm_class()
    {
        var store = await CreateStoreAsync();
        var content = Bytes("first archived object");

        var outcome = await store.PutAsync("appointments/2026/05/a.jsonl.gz", content, Cancellation);

        Assert.Equal(ArchivePutOutcome.Stored, outcome);
        Assert.Equal(content, await store.GetAsync("appointments/2026/05/a.jsonl.gz", Cancellation));
        var head = await store.HeadAsync("appointments/2026/05/a.jsonl.gz", Cancellation);
        Assert.Equal(
            new ArchiveObjectInfo("appointments/2026/05/a.jsonl.gz", content.Length, ArchiveChecksum.Sha256Hex(content), "STANDARD_IA", ArchiveRetrievalState.Available),
            head);
    }

    [Fact]
    public async Task The_same_bytes_put_twice_are_accepted_as_already_stored()
    {
        var store = await CreateStoreAsync();
        var content = Bytes("retried write");
        await store.PutAsync("k/a.json", content, Cancellation);

        var outcome = await store.PutAsync("k/a.json", Bytes("retried write"), Cancellation);

        Assert.Equal(ArchivePutOutcome.AlreadyStored, outcome);
        Assert.Equal(content, await store.GetAsync("k/a.json", Cancellation));
    }

    [Fact]
    public async Task Different_bytes_under_a_taken_key_are_refused_and_the_stored_object_stays()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("k/a.json", Bytes("original"), Cancellation);

        var e = await Assert.ThrowsAsync<ArchiveKeyConflictException>(() => store.PutAsync("k/a.json", Bytes("replacement"), Cancellation));

        Assert.Equal("k/a.json", e.Key);
        Assert.Equal(Bytes("original"), await store.GetAsync("k/a.json", Cancellation));
    }

    [Fact]
    public async Task Bytes_changed_underneath_are_refused_on_read()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("k/a.json", Bytes("what was archived"), Cancellation);

        await CorruptAsync(store, "k/a.json", Bytes("what was archivee"));

        var e = await Assert.ThrowsAsync<ArchiveIntegrityException>(() => store.GetAsync("k/a.json", Cancellation));
        Assert.Equal("k/a.json", e.Key);
        Assert.Contains(ArchiveChecksum.Sha256Hex(Bytes("what was archived")), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_returns_the_keys_under_a_prefix_in_order()
    {
        var store = await CreateStoreAsync();
        foreach (var key in new[] { "appointments/2026/05/b.jsonl.gz", "appointments/2026/05/a.jsonl.gz", "appointments/2026/06/c.jsonl.gz", "appointments-old/x.json", "notices/2026/05/d.jsonl.gz" })
        {
            await store.PutAsync(key, Bytes(key), Cancellation);
        }

        Assert.Equal(["appointments/2026/05/a.jsonl.gz", "appointments/2026/05/b.jsonl.gz"], await store.ListAsync("appointments/2026/05/", Cancellation));
        Assert.Equal(
            ["appointments/2026/05/a.jsonl.gz", "appointments/2026/05/b.jsonl.gz", "appointments/2026/06/c.jsonl.gz"],
            await store.ListAsync("appointments/", Cancellation));
        Assert.Equal(
            ["appointments-old/x.json", "appointments/2026/05/a.jsonl.gz", "appointments/2026/05/b.jsonl.gz", "appointments/2026/06/c.jsonl.gz"],
            await store.ListAsync("appointments", Cancellation));
        Assert.Equal(["appointments/2026/06/c.jsonl.gz"], await store.ListAsync("appointments/2026/06", Cancellation));
        Assert.Equal(5, (await store.ListAsync("", Cancellation)).Count);
        Assert.Empty(await store.ListAsync("invoices/", Cancellation));
    }

    [Fact]
    public async Task A_deleted_object_is_gone_and_deleting_it_again_succeeds()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("k/a.json", Bytes("to delete"), Cancellation);
        await store.PutAsync("k/b.json", Bytes("to keep"), Cancellation);

        await store.DeleteAsync("k/a.json", Cancellation);
        await store.DeleteAsync("k/a.json", Cancellation);

        Assert.Null(await store.HeadAsync("k/a.json", Cancellation));
        await Assert.ThrowsAsync<ArchiveObjectNotFoundException>(() => store.GetAsync("k/a.json", Cancellation));
        Assert.Equal(["k/b.json"], await store.ListAsync("k/", Cancellation));
        // Deleted, the key can be written again, with other bytes.
        Assert.Equal(ArchivePutOutcome.Stored, await store.PutAsync("k/a.json", Bytes("new"), Cancellation));
    }

    [Fact]
    public async Task A_missing_object_has_no_head_cannot_be_read_or_restored()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.HeadAsync("k/missing.json", Cancellation));
        await Assert.ThrowsAsync<ArchiveObjectNotFoundException>(() => store.GetAsync("k/missing.json", Cancellation));
        await Assert.ThrowsAsync<ArchiveObjectNotFoundException>(() => store.RequestRestoreAsync("k/missing.json", 7, Cancellation));
    }

    [Fact]
    public async Task Restoring_a_warm_object_changes_nothing()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync("k/a.json", Bytes("warm"), Cancellation);

        await store.RequestRestoreAsync("k/a.json", 7, Cancellation);

        Assert.Equal(ArchiveRetrievalState.Available, (await store.HeadAsync("k/a.json", Cancellation))!.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/k/a.json")]
    [InlineData("k//a.json")]
    [InlineData("k/../a.json")]
    [InlineData("k/./a.json")]
    [InlineData("k\\a.json")]
    [InlineData("k/a.json/")]
    public async Task Keys_that_are_not_archive_keys_are_refused(string key)
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(key, Bytes("x"), Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task A_written_batch_reads_back_record_for_record_with_its_manifest()
    {
        var store = await CreateStoreAsync();
        var batch = ArchiveSamples.Batch(records: 40);

        var receipt = await new ArchiveWriter(store).WriteAsync(batch, Cancellation);
        var read = await new ArchiveReader(store).ReadAsync(receipt.ManifestKey, Cancellation);

        Assert.False(receipt.AlreadyArchived);
        Assert.Equal("appointments/2026/05/batch-0001.manifest.json", receipt.ManifestKey);
        Assert.Equal(batch.Records, read.Records);
        Assert.Equal(["appointments/2026/05/batch-0001.jsonl.gz", "appointments/2026/05/batch-0001.manifest.json"], await store.ListAsync("appointments/", Cancellation));
        var data = await store.GetAsync(read.Manifest.ObjectKey, Cancellation);
        Assert.Equal(ArchiveChecksum.Sha256Hex(data), read.Manifest.Sha256);
        Assert.Equal(data.Length, read.Manifest.CompressedSize);
        Assert.Equal(40, read.Manifest.RecordCount);
        Assert.Equal(batch.Records.Select(r => r.Id), read.Manifest.RecordIds);
        Assert.Equal(ArchiveSamples.CreatedAt, read.Manifest.CreatedAt);
        Assert.Equal((await store.HeadAsync(read.Manifest.ObjectKey, Cancellation))!.Sha256, read.Manifest.Sha256);
    }

    [Fact]
    public async Task Writing_the_same_batch_again_verifies_the_stored_copy()
    {
        var store = await CreateStoreAsync();
        var writer = new ArchiveWriter(store);
        var first = await writer.WriteAsync(ArchiveSamples.Batch(), Cancellation);

        var again = await writer.WriteAsync(ArchiveSamples.Batch(), Cancellation);
        var laterSameMonth = await writer.WriteAsync(ArchiveSamples.Batch(createdAt: ArchiveSamples.CreatedAt.AddDays(3)), Cancellation);

        Assert.True(again.AlreadyArchived);
        Assert.True(laterSameMonth.AlreadyArchived);
        Assert.Equal(first.Manifest.Sha256, laterSameMonth.Manifest.Sha256);
        Assert.Equal(first.Manifest.CreatedAt, laterSameMonth.Manifest.CreatedAt);
    }

    [Fact]
    public async Task Another_batch_under_the_same_id_is_refused()
    {
        var store = await CreateStoreAsync();
        var writer = new ArchiveWriter(store);
        await writer.WriteAsync(ArchiveSamples.Batch(records: 3), Cancellation);

        await Assert.ThrowsAsync<ArchiveKeyConflictException>(() => writer.WriteAsync(ArchiveSamples.Batch(records: 4), Cancellation));

        Assert.Equal(3, (await new ArchiveReader(store).ReadAsync("appointments/2026/05/batch-0001.manifest.json", Cancellation)).Records.Count);
    }

    [Fact]
    public async Task A_batch_whose_data_changed_underneath_cannot_be_read()
    {
        var store = await CreateStoreAsync();
        var receipt = await new ArchiveWriter(store).WriteAsync(ArchiveSamples.Batch(), Cancellation);
        var data = await store.GetAsync(receipt.Manifest.ObjectKey, Cancellation);
        data[^5] ^= 0x40;

        await CorruptAsync(store, receipt.Manifest.ObjectKey, data);

        var e = await Assert.ThrowsAsync<ArchiveIntegrityException>(() => new ArchiveReader(store).ReadAsync(receipt.ManifestKey, Cancellation));
        Assert.Equal(receipt.Manifest.ObjectKey, e.Key);
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
