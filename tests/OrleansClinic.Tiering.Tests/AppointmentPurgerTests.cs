using System.Text.Json;
using Npgsql;
using NodaTime;
using OrleansClinic.Archive;
using OrleansClinic.Testing.Postgres;
using static OrleansClinic.Tiering.Tests.TieringDatabase;

namespace OrleansClinic.Tiering.Tests;

/// <summary>
/// Purging a patient whose retention ended, on PostgreSQL with a local directory and S3 (s3rver): their appointments go
/// from the hot store and from every archive batch, each registered once, while the other patients sharing those batches
/// keep theirs; a purge that dies part-way is finished by the next with nothing duplicated or left behind; a cold batch waits for its restore.
/// </summary>
public sealed class AppointmentPurgerTests(PostgresServer server, ArchiveStores stores) : IClassFixture<ArchiveStores>
{
    private const string Reason = "retention ended";

    private static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();
    private static readonly Instant Cutoff = Now - Duration.FromDays(395);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds => ["local", "s3"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_patients_appointments_leave_every_tier_and_the_batches_they_shared_keep_everyone_elses(string kind)
    {
        await using var db = await Database();
        var store = stores.Create(kind);
        var clinic = await SharedBatchesAsync(db, store);
        var theirBatches = await Count(db, "SELECT count(DISTINCT manifest_key) FROM appointments.archived WHERE patient_id = 'p-3'");
        var objectsBefore = (await store.ListAsync("", Cancel)).Count;
        await using (var notices = db.CreateCommand(
            """
            INSERT INTO notifications.delivery (key, patient_id, channel, kind, status)
            VALUES ('n-1', 'p-3', 'sms', 'confirmation', 'sent'), ('n-2', 'p-3', 'email', 'reminder', 'sent'), ('n-3', 'p-4', 'sms', 'confirmation', 'sent')
            """))
        {
            await notices.ExecuteNonQueryAsync(Cancel);
        }

        var purged = await new AppointmentPurger(db, store).PurgePatientAsync("p-3", Reason, Cancel);

        // 3 hot; 4 archived among other patients' in the batches of 15, and 2 in a batch of their own; the 2 notices sent to them.
        Assert.Equal(new PurgedAppointments(3, 6, 0, 2), purged);
        Assert.Equal(["n-3"], await Strings(db, "SELECT key FROM notifications.delivery"));
        Assert.Equal(2L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE client_id = 'p-3' AND data_type = 'notification' AND tier = 'hot'"));
        Assert.True(purged.Complete);
        Assert.Equal(clinic.OthersHot.Keys.Order(StringComparer.Ordinal), await HotIds(db));
        Assert.Equal(0L, await Count(db, "SELECT count(*) FROM appointments.archived WHERE patient_id = 'p-3'"));
        Assert.Equal(36L, await Count(db, "SELECT count(*) FROM appointments.archived"));
        Assert.Equal(3L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE client_id = 'p-3' AND data_type = 'appointment' AND tier = 'hot' AND reason = 'retention ended'"));
        Assert.Equal(6L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE client_id = 'p-3' AND tier = 'warm' AND reason = 'retention ended'"));
        Assert.Equal(11L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE reason = 'retention ended'"));

        // The batches they shared were rewritten and the old ones deleted; their own batch went whole.
        Assert.InRange(theirBatches, 2, 4);
        Assert.Equal(objectsBefore - 2, (await store.ListAsync("", Cancel)).Count);
        await AssertArchiveHoldsOnlyIndexedBatchesAsync(db, store);
        await AssertArchiveHoldsNoneOfAsync(db, store, clinic.Archived.Keys.Where(id => PatientOf(clinic.Archived[id]) == "p-3"));
        await AssertOthersReadBackIntactAsync(db, store, clinic.Archived, "p-3");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Purging_a_patient_again_deletes_and_registers_nothing_more(string kind)
    {
        await using var db = await Database();
        var store = stores.Create(kind);
        await SharedBatchesAsync(db, store);
        var purger = new AppointmentPurger(db, store);
        await purger.PurgePatientAsync("p-3", Reason, Cancel);
        var registered = await Count(db, "SELECT count(*) FROM audit_logs.deletion_register");
        var objects = await store.ListAsync("", Cancel);

        Assert.Equal(new PurgedAppointments(0, 0, 0, 0), await purger.PurgePatientAsync("p-3", Reason, Cancel));
        Assert.Equal(registered, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register"));
        Assert.Equal(objects, await store.ListAsync("", Cancel));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_purge_that_dies_deleting_an_old_batch_is_finished_by_the_next_without_registering_twice(string kind)
    {
        await using var db = await Database();
        var store = stores.Create(kind);
        var clinic = await SharedBatchesAsync(db, store);

        // The first batch's index change is committed; its old objects are not deleted.
        await Assert.ThrowsAsync<IOException>(() => new AppointmentPurger(db, new DiesOnce(store, "delete")).PurgePatientAsync("p-3", Reason, Cancel));
        Assert.Equal(1L, await Count(db, "SELECT count(*) FROM appointments.archive_superseded"));
        Assert.Equal(3L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE tier = 'hot' AND reason = 'retention ended'"));

        var rest = await new AppointmentPurger(db, store).PurgePatientAsync("p-3", Reason, Cancel);
        Assert.Equal(0, rest.Hot);
        Assert.Equal(0L, await Count(db, "SELECT count(*) FROM appointments.archived WHERE patient_id = 'p-3'"));
        Assert.Equal(3L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE client_id = 'p-3' AND data_type = 'appointment' AND tier = 'hot' AND reason = 'retention ended'"));
        Assert.Equal(6L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE client_id = 'p-3' AND tier = 'warm' AND reason = 'retention ended'"));
        await AssertArchiveHoldsOnlyIndexedBatchesAsync(db, store);
        await AssertArchiveHoldsNoneOfAsync(db, store, clinic.Archived.Keys.Where(id => PatientOf(clinic.Archived[id]) == "p-3"));
        await AssertOthersReadBackIntactAsync(db, store, clinic.Archived, "p-3");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_rewrite_left_half_written_by_a_crash_is_deleted_even_when_another_patients_purge_comes_first(string kind)
    {
        await using var db = await Database();
        var store = stores.Create(kind);
        var old = await Appointments(db, 40, ended: Cutoff - Duration.FromDays(30));
        await new AppointmentArchivist(db, store).ArchiveNextBatchAsync(Cutoff, 100, Cancel);

        // Dies after the rewrite's data object and before its manifest: nothing committed, a data object no index names.
        await Assert.ThrowsAsync<IOException>(() => new AppointmentPurger(db, new DiesOnce(store, "put", after: 1)).PurgePatientAsync("p-3", Reason, Cancel));
        Assert.Equal(3, (await store.ListAsync("", Cancel)).Count);
        Assert.Equal(4L, await Count(db, "SELECT count(*) FROM appointments.archived WHERE patient_id = 'p-3'"));

        // The half-written rewrite still holds p-4's records: the next purge, whoever's it is, deletes it first.
        Assert.Equal(new PurgedAppointments(0, 4, 0, 0), await new AppointmentPurger(db, store).PurgePatientAsync("p-4", Reason, Cancel));
        await AssertArchiveHoldsOnlyIndexedBatchesAsync(db, store);
        Assert.Equal(new PurgedAppointments(0, 4, 0, 0), await new AppointmentPurger(db, store).PurgePatientAsync("p-3", Reason, Cancel));

        await AssertArchiveHoldsOnlyIndexedBatchesAsync(db, store);
        Assert.Equal(2, (await store.ListAsync("", Cancel)).Count);
        await AssertArchiveHoldsNoneOfAsync(db, store, old.Keys.Where(id => PatientOf(old[id]) is "p-3" or "p-4"));
        Assert.Equal(8L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE tier = 'warm' AND reason = 'retention ended'"));
        await AssertOthersReadBackIntactAsync(db, store, old, "p-3", "p-4");
    }

    [Fact]
    public async Task A_cold_batch_is_asked_to_be_restored_and_purged_from_the_cold_tier_by_a_later_call()
    {
        await using var db = await Database();
        var root = Path.Combine(Path.GetTempPath(), "clinic-tiering-purge-cold-" + Guid.NewGuid().ToString("N")[..8]);
        using var store = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root });
        var old = await Appointments(db, 22, ended: Cutoff - Duration.FromDays(3));
        var manifest = (await new AppointmentArchivist(db, store).ArchiveNextBatchAsync(Cutoff, 100, Cancel)).ManifestKey!;
        foreach (var key in await store.ListAsync("", Cancel))
        {
            await store.TransitionAsync(key, ArchiveStorageClasses.GlacierFlexibleRetrieval, Cancel);
        }

        var purger = new AppointmentPurger(db, store);
        var waiting = await purger.PurgePatientAsync("p-3", Reason, Cancel);

        // Nothing could be read, so nothing was deleted or registered; both objects were asked to be restored.
        Assert.Equal(new PurgedAppointments(0, 0, 1, 0), waiting);
        Assert.False(waiting.Complete);
        Assert.Equal(2L, await Count(db, "SELECT count(*) FROM appointments.archived WHERE patient_id = 'p-3'"));
        Assert.Equal(0L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE reason = 'retention ended'"));
        Assert.Equal(ArchiveRetrievalState.Restored, (await store.HeadAsync(manifest, Cancel))!.State);
        Assert.Equal(ArchiveRetrievalState.Restored, (await store.HeadAsync(ArchiveKeys.DataKeyFor(manifest), Cancel))!.State);

        // Restored (at once here): the next call purges it, from the cold tier.
        var purged = await purger.PurgePatientAsync("p-3", Reason, Cancel);
        Assert.Equal(new PurgedAppointments(0, 2, 0, 0), purged);
        Assert.True(purged.Complete);
        Assert.Equal(2L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE client_id = 'p-3' AND tier = 'cold' AND reason = 'retention ended'"));
        Assert.Equal(2L, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE reason = 'retention ended'"));
        Assert.DoesNotContain(manifest, await store.ListAsync("", Cancel));
        await AssertArchiveHoldsOnlyIndexedBatchesAsync(db, store);
        await AssertArchiveHoldsNoneOfAsync(db, store, old.Keys.Where(id => PatientOf(old[id]) == "p-3"));
        await AssertOthersReadBackIntactAsync(db, store, old, "p-3");
    }

    /// <summary>
    /// 40 archived appointments of p-0 to p-10 in batches of 15 (p-3 has 4 among them), then 2 of p-3's in a batch of
    /// their own; hot, 3 recent appointments of p-3's and 2 of others'.
    /// </summary>
    private static async Task<(Dictionary<string, string> Archived, Dictionary<string, string> OthersHot)> SharedBatchesAsync(NpgsqlDataSource db, IArchiveStore store)
    {
        var archivist = new AppointmentArchivist(db, store);
        var archived = await Appointments(db, 40, ended: Cutoff - Duration.FromDays(30));
        while ((await archivist.ArchiveNextBatchAsync(Cutoff, 15, Cancel)).Moved > 0)
        {
        }

        foreach (var (id, payload) in await Appointments(db, 2, ended: Cutoff - Duration.FromDays(60), patientId: "p-3"))
        {
            archived[id] = payload;
        }

        Assert.Equal(2, (await archivist.ArchiveNextBatchAsync(Cutoff, 15, Cancel)).Moved);
        await Appointments(db, 3, ended: Now - Duration.FromDays(10), patientId: "p-3");
        var othersHot = await Appointments(db, 2, ended: Now - Duration.FromDays(10));
        return (archived, othersHot);
    }

    private static string PatientOf(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("patientId").GetString()!;

    /// <summary>Every object in the store belongs to a batch the index names, and no batch is left to delete: nothing orphaned.</summary>
    private static async Task AssertArchiveHoldsOnlyIndexedBatchesAsync(NpgsqlDataSource db, IArchiveStore store)
    {
        var named = (await Index(db)).Values.Distinct().SelectMany(m => new[] { m, ArchiveKeys.DataKeyFor(m) }).Order(StringComparer.Ordinal);
        Assert.Equal(named, await store.ListAsync("", Cancel));
        Assert.Equal(0L, await Count(db, "SELECT count(*) FROM appointments.archive_superseded"));
    }

    private static async Task AssertArchiveHoldsNoneOfAsync(NpgsqlDataSource db, IArchiveStore store, IEnumerable<string> purgedIds)
    {
        var purged = purgedIds.ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(purged);
        var reader = new ArchiveReader(store);
        foreach (var manifest in (await Index(db)).Values.Distinct())
        {
            Assert.DoesNotContain((await reader.ReadAsync(manifest, Cancel)).Records, r => purged.Contains(r.Id));
        }
    }

    /// <summary>Every other patient's archived appointments read back for an access request exactly as the hot store held them.</summary>
    private static async Task AssertOthersReadBackIntactAsync(NpgsqlDataSource db, IArchiveStore store, Dictionary<string, string> archived, params string[] purgedPatients)
    {
        var reader = new ArchivedAppointmentReader(db, store);
        foreach (var patient in archived.GroupBy(a => PatientOf(a.Value)).Where(p => !purgedPatients.Contains(p.Key)))
        {
            var found = await reader.ForPatientAsync(patient.Key, Cancel);
            Assert.Equal(0, found.BatchesRestoring);
            Assert.Equal(patient.Select(a => a.Key).Order(StringComparer.Ordinal), found.Appointments.Select(a => "appointment/" + a.AppointmentId).Order(StringComparer.Ordinal));
            Assert.All(found.Appointments, a => Assert.Equal(archived["appointment/" + a.AppointmentId], a.Record));
        }
    }

    private Task<NpgsqlDataSource> Database() => TieringDatabase.CreateAsync(server);
}
