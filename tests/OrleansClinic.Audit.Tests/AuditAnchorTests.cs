using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using OrleansClinic.Archive;
using OrleansClinic.Domain.Audit;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Audit.Tests;

/// <summary>
/// The chain's head anchored in the archive store on PostgreSQL: once per head however many silos anchor it, and
/// verification finding what a superuser did to the entries up to an anchor, which the chain alone cannot show.
/// </summary>
public sealed class AuditAnchorTests(PostgresServer server) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "clinic-audit-anchors-" + Guid.NewGuid().ToString("N")[..8]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_head_is_anchored_once_and_again_only_after_the_chain_grows()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server, "anchor_once");
        var trail = Trail(db);
        using var store = Store();
        var book = Book(trail, store);
        Assert.Null(await book.AnchorHeadAsync(Cancel));
        Assert.Empty(await store.ListAsync("", Cancel));

        await AuditTestDatabase.SealEventsAsync(db, trail, 5);
        var head = (await trail.ReadHeadAsync(Cancel))!;
        Assert.Equal(5, head.Sequence);
        var anchor = await book.AnchorHeadAsync(Cancel);
        Assert.Equal((5L, Convert.ToHexStringLower(head.Hash)), (anchor!.Sequence!.Value, Convert.ToHexStringLower(anchor.Hash.Span)));
        Assert.Equal(
            $$"""{"sequence":5,"hash":"{{Convert.ToHexStringLower(head.Hash)}}"}""",
            System.Text.Encoding.UTF8.GetString(await store.GetAsync("audit-anchors/00000000000000000005.json", Cancel)));

        // No new entries: nothing new is written, by this silo or another.
        Assert.Null(await book.AnchorHeadAsync(Cancel));
        Assert.Null(await Book(trail, store).AnchorHeadAsync(Cancel));
        Assert.Equal(["audit-anchors/00000000000000000005.json"], await store.ListAsync("", Cancel));

        await AuditTestDatabase.SealEventsAsync(db, trail, 3);
        Assert.Equal(8, (await book.AnchorHeadAsync(Cancel))!.Sequence);
        Assert.Equal([5L, 8L], (await book.ReadAllAsync(Cancel)).Select(a => a.Sequence!.Value));
    }

    [Fact]
    public async Task Silos_anchoring_the_same_head_at_once_store_one_object()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server, "anchor_race");
        var trail = Trail(db);
        using var store = Store();
        await AuditTestDatabase.SealEventsAsync(db, trail, 4);

        for (var round = 0; round < 5; round++)
        {
            var anchored = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Book(trail, store).AnchorHeadAsync(Cancel), Cancel)));

            Assert.Single(anchored, a => a is not null);
            Assert.Equal(round + 1, (await store.ListAsync(AuditAnchorBook.Prefix, Cancel)).Count);
            await AuditTestDatabase.SealEventsAsync(db, trail, 1);
        }
    }

    [Fact]
    public async Task Another_hash_anchored_for_the_head_meanwhile_is_logged_as_an_error_and_thrown()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server, "anchor_conflict");
        var trail = Trail(db);
        using var store = Store();
        await AuditTestDatabase.SealEventsAsync(db, trail, 3);
        var log = new ErrorLog();

        // Between this silo's listing and its put, another stored other bytes for entry 3: it saw another chain.
        await Assert.ThrowsAsync<ArchiveKeyConflictException>(
            () => new AuditAnchorBook(trail, new StoreRacedBy(store, AuditAnchorBook.KeyOf(3), new AuditAnchor(new byte[32], 3).ToJson()), log).AnchorHeadAsync(Cancel));

        Assert.Contains("Entry 3 of the audit chain has hash", Assert.Single(log.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untouched_chain_verifies_intact_through_its_anchors()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server, "anchor_intact");
        var (trail, store, book) = await Anchored(db, [4, 3, 5]);
        using (store)
        {
            var result = await Desk(trail, book).Verify();

            Assert.True(result.Intact, result.Problem);
            Assert.Equal((12L, 3L, 12L), (result.Entries, result.AnchorsChecked, result.AnchoredSequence!.Value));

            var withoutStore = await Desk(trail, null).Verify();
            Assert.Equal((true, 0L, (long?)null), (withoutStore.Intact, withoutStore.AnchorsChecked, withoutStore.AnchoredSequence));
        }
    }

    [Fact]
    public async Task Newest_entries_deleted_by_a_superuser_after_they_were_anchored_break_the_chain_at_the_anchor()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server, "anchor_tail");
        var (trail, store, book) = await Anchored(db, [4, 3]);
        using (store)
        {
            await AuditTestDatabase.TamperAsync(db, "DELETE FROM audit_logs.entry WHERE sequence > 5");

            // The chain alone still verifies: nothing in it shows that it was longer.
            Assert.True((await Desk(trail, null).Verify()).Intact);
            var result = await Desk(trail, book).Verify();

            Assert.False(result.Intact);
            Assert.Equal((7L, 5L, 2L), (result.BrokenAt!.Value, result.HeadSequence, result.AnchorsChecked));
            Assert.Equal(
                "entry 7 was anchored outside the database but is missing: the chain ends at entry 5 (entries were removed from the end, or the copy checked is older than the anchor)",
                result.Problem);
        }
    }

    [Fact]
    public async Task An_entry_rewritten_before_an_anchor_with_every_later_hash_recomputed_breaks_the_chain_at_the_anchor()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server, "anchor_rewrite");
        var (trail, store, book) = await Anchored(db, [4, 3, 2]);
        using (store)
        {
            await AuditTestDatabase.RewriteFromAsync(db, trail, 6, r => r with { ActorId = "u-someone-else" });

            Assert.True((await Desk(trail, null).Verify()).Intact);
            var result = await Desk(trail, book).Verify();

            // The anchor at 4 still holds (the rewrite began after it); the one at 7 does not.
            Assert.False(result.Intact);
            Assert.Equal((7L, 6L, 2L), (result.BrokenAt!.Value, result.HeadSequence, result.AnchorsChecked));
            Assert.StartsWith("entry 7 does not have the hash anchored outside the database (", result.Problem, StringComparison.Ordinal);
            Assert.EndsWith(": the chain was rewritten from this entry or an earlier one", result.Problem, StringComparison.Ordinal);
            Assert.Equal(9, result.AnchoredSequence);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static PostgresAuditTrail Trail(NpgsqlDataSource db) => new(db, new AuditOptions());

    private static AuditAnchorBook Book(IAuditTrail trail, IArchiveStore store) => new(trail, store, NullLogger<AuditAnchorBook>.Instance);

    private static AuditDeskGrain Desk(IAuditTrail trail, AuditAnchorBook? book) => new(trail, SystemClock.Instance, book);

    private LocalDirectoryArchiveStore Store() => new(new ArchiveOptions { RootDirectory = root });

    /// <summary>Seals <paramref name="batches"/> of entries, anchoring the head after each.</summary>
    private async Task<(PostgresAuditTrail Trail, LocalDirectoryArchiveStore Store, AuditAnchorBook Book)> Anchored(NpgsqlDataSource db, int[] batches)
    {
        var trail = Trail(db);
        var store = Store();
        var book = Book(trail, store);
        foreach (var batch in batches)
        {
            await AuditTestDatabase.SealEventsAsync(db, trail, batch);
            Assert.NotNull(await book.AnchorHeadAsync(Cancel));
        }

        return (trail, store, book);
    }

    /// <summary>A store in which <paramref name="key"/> is written with <paramref name="content"/> right after it is listed.</summary>
    private sealed class StoreRacedBy(IArchiveStore inner, string key, byte[] content) : IArchiveStore
    {
        public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
        {
            var keys = await inner.ListAsync(prefix, cancellationToken);
            await inner.PutAsync(key, content, cancellationToken);
            return keys;
        }

        public Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default) => inner.RequestRestoreAsync(key, days, cancellationToken);
    }

    private sealed class ErrorLog : ILogger<AuditAnchorBook>
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors.Add(formatter(state, exception));
            }
        }
    }
}
