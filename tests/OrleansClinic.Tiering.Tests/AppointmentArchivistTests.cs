using Npgsql;
using NodaTime;
using OrleansClinic.Archive;
using OrleansClinic.Testing.Postgres;
using static OrleansClinic.Tiering.Tests.TieringDatabase;

namespace OrleansClinic.Tiering.Tests;

/// <summary>
/// Tiering appointments on PostgreSQL to a local directory and to S3 (s3rver): everything past the window moves once,
/// is read back intact, is indexed and registered as deleted; an attempt that dies after uploading loses and repeats nothing.
/// </summary>
public sealed class AppointmentArchivistTests(PostgresServer server, ArchiveStores stores) : IClassFixture<ArchiveStores>
{
    private static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();
    private static readonly Instant Cutoff = Now - Duration.FromDays(395);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds => ["local", "s3"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Appointments_past_the_hot_window_move_to_the_archive_once_each_and_recent_ones_stay(string kind)
    {
        await using var db = await Database();
        var store = stores.Create(kind);
        var old = await Appointments(db, 230, ended: Cutoff - Duration.FromDays(30));
        var recent = await Appointments(db, 20, ended: Now - Duration.FromDays(10));
        var archivist = new AppointmentArchivist(db, store);

        var moved = 0;
        for (TieredBatch step; (step = await archivist.ArchiveNextBatchAsync(Cutoff, 100, Cancel)).Moved > 0;)
        {
            moved += step.Moved;
        }

        Assert.Equal(230, moved);
        Assert.Equal(recent.Keys.Order(StringComparer.Ordinal), await HotIds(db));
        Assert.Equal(230L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE data_type = 'appointment' AND tier = 'hot' AND reason = 'moved to the warm tier'"));

        // Each archived appointment is indexed for its patient, and reads back from the archive as the hot store held it.
        var index = await Index(db);
        Assert.Equal(old.Keys.Select(k => k.Split('/')[1]).Order(StringComparer.Ordinal), index.Keys.Order(StringComparer.Ordinal));
        var reader = new ArchiveReader(store);
        foreach (var manifest in index.Values.Distinct())
        {
            foreach (var record in (await reader.ReadAsync(manifest, Cancel)).Records)
            {
                Assert.Equal(old[record.Id], record.Document);
            }
        }

        Assert.Equal(3, index.Values.Distinct().Count());
        Assert.Equal(6, (await store.ListAsync("", Cancel)).Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_attempt_that_dies_after_uploading_deletes_nothing_and_the_next_finishes_without_a_second_copy(string kind)
    {
        await using var db = await Database();
        var store = stores.Create(kind);
        await Appointments(db, 40, ended: Cutoff - Duration.FromDays(1));

        // The verification read fails: the receipt never comes, so no hot row may go.
        await Assert.ThrowsAnyAsync<Exception>(() => new AppointmentArchivist(db, new DiesOnRead(store)).ArchiveNextBatchAsync(Cutoff, 100, Cancel));
        Assert.Equal(40, (await HotIds(db)).Count);
        Assert.Equal(0L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register"));

        var retry = await new AppointmentArchivist(db, store).ArchiveNextBatchAsync(Cutoff, 100, Cancel);
        Assert.Equal((40, true), (retry.Moved, retry.AlreadyArchived));
        Assert.Empty(await HotIds(db));
        Assert.Equal(2, (await store.ListAsync("", Cancel)).Count);
        Assert.Equal(40L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register"));
        Assert.Equal(0, (await new AppointmentArchivist(db, store).ArchiveNextBatchAsync(Cutoff, 100, Cancel)).Moved);
    }

    [Fact]
    public async Task An_access_request_reads_a_patients_archived_appointments_back_restoring_a_cold_batch_first()
    {
        await using var db = await Database();
        var root = Path.Combine(Path.GetTempPath(), "clinic-tiering-cold-" + Guid.NewGuid().ToString("N")[..8]);
        using var store = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root });
        var old = await Appointments(db, 22, ended: Cutoff - Duration.FromDays(3));
        await new AppointmentArchivist(db, store).ArchiveNextBatchAsync(Cutoff, 100, Cancel);
        var reader = new ArchivedAppointmentReader(db, store);

        // p-3 had appointments 3 and 14 (i % 11 == 3), each read back as the hot store held it.
        var found = await reader.ForPatientAsync("p-3", Cancel);
        Assert.Equal(0, found.BatchesRestoring);
        Assert.Equal(2, found.Appointments.Count);
        Assert.All(found.Appointments, a => Assert.Equal(old["appointment/" + a.AppointmentId], a.Record));
        Assert.Empty((await reader.ForPatientAsync("p-nobody", Cancel)).Appointments);

        // The lifecycle rule moves the batch to Glacier: the first request starts a restore, a later one reads it.
        foreach (var key in await store.ListAsync("", Cancel))
        {
            await store.TransitionAsync(key, ArchiveStorageClasses.GlacierFlexibleRetrieval, Cancel);
        }

        var cold = await reader.ForPatientAsync("p-3", Cancel);
        Assert.Equal((0, 1), (cold.Appointments.Count, cold.BatchesRestoring));
        var restored = await reader.ForPatientAsync("p-3", Cancel);
        Assert.Equal((2, 0), (restored.Appointments.Count, restored.BatchesRestoring));
    }

    /// <summary>A store whose reads fail, as a process dying between upload and verification would leave things.</summary>
    private sealed class DiesOnRead(IArchiveStore inner) : IArchiveStore
    {
        public Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) => throw new IOException("the process died");

        public Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default) => inner.RequestRestoreAsync(key, days, cancellationToken);
    }

    private Task<NpgsqlDataSource> Database() => TieringDatabase.CreateAsync(server);
}
