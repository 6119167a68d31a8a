using Npgsql;
using NodaTime;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansClinic.Archive;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;
using OrleansClinic.Tiering;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// The tiering job on a real two-silo cluster: the silo running it killed part-way, the run completes on the other
/// silo and every old appointment is archived once, deleted once and registered once; records whose retention ended are
/// destroyed from every tier, and the others kept.
/// </summary>
public sealed class TieringClusterTests(PostgresServer postgres)
{
    private const int Old = 1_500;

    [Fact]
    public async Task A_run_cut_short_by_a_killed_silo_completes_and_loses_or_duplicates_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("tiering_kill");
        var root = Path.Combine(Path.GetTempPath(), "clinic-tiering-kill-" + Guid.NewGuid().ToString("N")[..8]);
        await using var clinic = await PostgresCluster.Start(connectionString, settings: new Dictionary<string, string>
        {
            ["Archive:Local:RootDirectory"] = root,
            ["Clinic:Tiering:BatchSize"] = "25",
        });
        await using var db = NpgsqlDataSource.Create(connectionString);
        var now = SystemClock.Instance.GetCurrentInstant();
        await Insert(db, Old, ended: now - Duration.FromDays(500));
        await Insert(db, 30, ended: now - Duration.FromDays(20));

        var job = clinic.Grains.GetGrain<ITieringJobGrain>(ITieringJobGrain.Appointments);
        Assert.True((await job.RunNow()).Running);
        await WaitFor(async () => (await job.Get()).Moved >= 300, TimeSpan.FromMinutes(2));
        var host = await clinic.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(job);
        await clinic.Cluster.KillSiloAsync(clinic.Cluster.Silos.OfType<InProcessSiloHandle>().Single(s => s.SiloAddress.Equals(host)));
        Assert.True(await Count(db, "SELECT count(*) FROM appointments.archived") < Old, "the run finished before the silo could be killed");

        // The resume reminder carries the run on where the dead silo left it.
        await WaitFor(async () => await Count(db, "SELECT count(*) FROM appointments.appointment") == 30 && !(await job.Get()).Running, TimeSpan.FromMinutes(4));

        Assert.Equal(Old, await Count(db, "SELECT count(DISTINCT appointment_id) FROM appointments.archived"));
        Assert.Equal(Old, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register WHERE data_type = 'appointment' AND tier = 'hot'"));

        // Every archived appointment is in exactly one batch, and each batch reads back intact.
        using var store = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root });
        var reader = new ArchiveReader(store);
        var archived = new List<string>();
        foreach (var manifest in (await store.ListAsync("", TestContext.Current.CancellationToken)).Where(k => k.EndsWith(".manifest.json", StringComparison.Ordinal)))
        {
            archived.AddRange((await reader.ReadAsync(manifest, TestContext.Current.CancellationToken)).Records.Select(r => r.Id));
        }

        Assert.Equal(Old, archived.Count);
        Assert.Equal(Old, archived.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task An_erasure_request_counts_archived_services_so_a_record_still_under_retention_is_kept()
    {
        var connectionString = await postgres.CreateDatabaseAsync("tiering_erasure");
        var root = Path.Combine(Path.GetTempPath(), "clinic-tiering-erasure-" + Guid.NewGuid().ToString("N")[..8]);
        await using var clinic = await PostgresCluster.Start(connectionString, settings: new Dictionary<string, string> { ["Archive:Local:RootDirectory"] = root });
        await using var db = NpgsqlDataSource.Create(connectionString);
        const string patient = "p-archived-care";
        Assert.NotNull(await FictionalPatients.Register(clinic.Grains, patient, 7));

        // A completed visit 14 months ago, already moved to the archive by the tiering job.
        var ended = SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(425);
        await using (var command = db.CreateCommand(
            """
            INSERT INTO appointments.appointment (grain_id, version, payload, doctor_id, patient_id, slot_start, slot_end, status, holds_slot)
            VALUES ('appointment/a-archived-care', 4, '{"status": "completed"}', 'd-1', $1, $2 - interval '15 minutes', $2, 'completed', false)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patient });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = ended.ToDateTimeUtc() });
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var job = clinic.Grains.GetGrain<ITieringJobGrain>(ITieringJobGrain.Appointments);
        await job.RunNow();
        await WaitFor(async () => !(await job.Get()).Running, TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await job.Get()).Moved);

        var outcome = await clinic.Grains.GetGrain<OrleansClinic.Grains.Abstractions.Patients.IErasureRequestGrain>(patient).Request(
            new OrleansClinic.Grains.Abstractions.Patients.DetailsAccess(patient, "patient", "erasure request"));
        Assert.NotNull(outcome);
        Assert.False(outcome.Complete);
        Assert.Equal(ended.InZone(DateTimeZone.ForOffset(Offset.FromHours(14))).Date.PlusYears(7), outcome.RestErasedOn);
    }

    [Fact]
    public async Task Records_whose_retention_ended_are_destroyed_from_every_tier_and_the_rest_are_kept()
    {
        var connectionString = await postgres.CreateDatabaseAsync("tiering_retention");
        var root = Path.Combine(Path.GetTempPath(), "clinic-tiering-retention-" + Guid.NewGuid().ToString("N")[..8]);
        await using var clinic = await PostgresCluster.Start(connectionString, settings: new Dictionary<string, string> { ["Archive:Local:RootDirectory"] = root });
        await using var db = NpgsqlDataSource.Create(connectionString);
        var now = SystemClock.Instance.GetCurrentInstant();
        var eightYearsAgo = now - Duration.FromDays(8 * 365);

        // An adult last seen eight years ago (due), a child seen at the same time (kept until 25), an adult seen last
        // year (kept), each with visits the run first moves to the archive; all registered long ago.
        const string adult = "p-retention-adult", child = "p-retention-child", recent = "p-retention-recent";
        Assert.NotNull(await FictionalPatients.Register(clinic.Grains, adult, 11));
        var childDetails = FictionalPatients.Details(12) with { DateOfBirth = eightYearsAgo.InUtc().Date.PlusYears(-9) };
        Assert.NotNull(await clinic.Grains.GetGrain<IPatientGrain>(child).Register(childDetails, FictionalPatients.Fixture));
        Assert.NotNull(await FictionalPatients.Register(clinic.Grains, recent, 13));
        await Visit(db, adult, "a-ret-1", eightYearsAgo - Duration.FromDays(400));
        await Visit(db, adult, "a-ret-2", eightYearsAgo);
        await Visit(db, child, "a-ret-3", eightYearsAgo);
        await Visit(db, recent, "a-ret-4", now - Duration.FromDays(400));
        await Backdate(clinic, db, [adult, child, recent], eightYearsAgo - Duration.FromDays(800));

        var job = clinic.Grains.GetGrain<ITieringJobGrain>(ITieringJobGrain.Appointments);
        await job.RunNow();
        await WaitFor(async () => !(await job.Get()).Running, TimeSpan.FromMinutes(1));
        var run = await job.Get();
        Assert.Null(run.LastError);
        Assert.Equal((4L, 1L, 2L, 0), (run.Moved, run.Destroyed, run.AppointmentsDestroyed, run.AwaitingRestore));

        // The adult's record is gone from every tier and its details shredded, each deletion in the register.
        Assert.Null(await clinic.Grains.GetGrain<IPatientGrain>(adult).Get());
        Assert.Equal(0L, await Count(db, $"SELECT count(*) FROM appointments.appointment WHERE patient_id = '{adult}'"));
        Assert.Equal(0L, await Count(db, $"SELECT count(*) FROM appointments.archived WHERE patient_id = '{adult}'"));
        Assert.Equal(1L, await Count(db, $"SELECT count(*) FROM users_pii_vault.patient_pii WHERE patient_id = '{adult}' AND shredded_at IS NOT NULL"));
        Assert.Equal(
            ["appointment/warm/retention period ended", "appointment/warm/retention period ended", "personal_details/hot/retention period ended"],
            await Strings(db, $"SELECT data_type || '/' || tier || '/' || reason FROM audit_logs.deletion_register WHERE client_id = '{adult}' AND reason <> 'moved to the warm tier' ORDER BY 1"));
        using (var store = new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = root }))
        {
            var reader = new ArchiveReader(store);
            foreach (var manifest in (await store.ListAsync("", TestContext.Current.CancellationToken)).Where(k => k.EndsWith(".manifest.json", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain((await reader.ReadAsync(manifest, TestContext.Current.CancellationToken)).Records, r => r.Id is "appointment/a-ret-1" or "appointment/a-ret-2");
            }
        }

        // The child's and the recent patient's records are kept, with their archived visits readable.
        var archive = clinic.Grains.GetGrain<IArchiveDeskGrain>(0);
        foreach (var (kept, visit) in new[] { (child, "a-ret-3"), (recent, "a-ret-4") })
        {
            Assert.NotNull(await clinic.Grains.GetGrain<IPatientGrain>(kept).Get());
            Assert.Equal([visit], (await archive.ArchivedAppointments(kept)).Appointments.Select(a => a.AppointmentId));
        }

        Assert.NotNull(await clinic.Grains.GetGrain<IPatientGrain>(child).ReadDetails(FictionalPatients.Fixture));

        // A second run destroys nothing more, and does not read the child's date of birth again: the record names the day to look next.
        var registered = await Count(db, "SELECT count(*) FROM audit_logs.deletion_register");
        await job.RunNow();
        await WaitFor(async () => !(await job.Get()).Running, TimeSpan.FromMinutes(1));
        Assert.Equal((0L, 0L), ((await job.Get()).Destroyed, (await job.Get()).AppointmentsDestroyed));
        Assert.Equal(registered, await Count(db, "SELECT count(*) FROM audit_logs.deletion_register"));
        Assert.Single(await clinic.Grains.GetGrain<IPatientGrain>(child).DetailsAccessLog(), e => e.By.Purpose == "retention period ended");
    }

    private static async Task Visit(NpgsqlDataSource db, string patientId, string appointmentId, Instant ended)
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO appointments.appointment (grain_id, version, payload, doctor_id, patient_id, slot_start, slot_end, status, holds_slot)
            VALUES ('appointment/' || $1, 3, '{"status": "completed"}', 'd-1', $2, $3 - interval '15 minutes', $3, 'completed', false)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = appointmentId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = ended.ToDateTimeUtc() });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    // Registration counts as contact, and grains register "now": the rows are dated back with the grains deactivated,
    // so the next activation reads the old date.
    private static async Task Backdate(PostgresCluster clinic, NpgsqlDataSource db, string[] patientIds, Instant registeredAt)
    {
        await using (var command = db.CreateCommand("UPDATE users_profile.patient SET payload = jsonb_set(payload, '{registeredAt}', to_jsonb($2::text)), version = version + 1 WHERE grain_id = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. patientIds.Select(id => "patient/" + id)] });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodaTime.Text.InstantPattern.ExtendedIso.Format(registeredAt) });
            Assert.Equal(patientIds.Length, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        await WaitFor(
            async () =>
            {
                await clinic.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                foreach (var id in patientIds)
                {
                    if ((await clinic.Grains.GetGrain<IPatientGrain>(id).Get())?.RegisteredAt != registeredAt)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(30));
    }

    private static async Task<List<string>> Strings(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private static async Task Insert(NpgsqlDataSource db, int count, Instant ended)
    {
        await using var command = db.CreateCommand(
            """
            INSERT INTO appointments.appointment (grain_id, version, payload, doctor_id, patient_id, slot_start, slot_end, status, holds_slot)
            SELECT 'appointment/a-' || md5(random()::text || i), 2, jsonb_build_object('status', 'completed', 'n', i), 'd-' || (i % 9), 'p-' || (i % 97),
                   $1 - interval '15 minutes' - i * interval '1 minute', $1 - i * interval '1 minute', 'completed', false
            FROM generate_series(1, $2) AS i
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = ended.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> Count(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; !await condition(); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
        }
    }
}
