using Npgsql;
using NodaTime;
using OrleansClinic.Domain.Audit;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Audit.Tests;

/// <summary>
/// Sealing on PostgreSQL: every source row once, in a chain that verifies, whatever the commit order, however many
/// sealers run at once.
/// </summary>
public sealed class PostgresAuditTrailTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_reads_of_personal_information_and_sign_ins_are_sealed_once_each_with_who_what_and_why()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server);
        var trail = Trail(db);
        await AuditTestDatabase.EventAsync(db, "appointment.booked", "a-1", "u-desk", "receptionist");
        await Access(db, "p-1", "read", "u-desk", "receptionist", "confirming by phone");
        await trail.RecordAsync(new AuditRecord(Instant.FromUtc(2026, 11, 29, 9, 0), "u-9", "none", "auth.sign_in", "user", "u-9", "c-9", AuditOutcome.Success, null, "", 0), Cancel);

        Assert.Equal(3, await trail.SealAsync(100, Cancel));
        Assert.Equal(0, await trail.SealAsync(100, Cancel));

        var chain = await trail.ReadChainAsync(0, 100, Cancel);
        Assert.True(AuditChain.Verify(chain).Intact);
        var booking = Assert.Single(chain, e => e.Record.Action == "appointment.booked").Record;
        Assert.Equal(("u-desk", "receptionist", "appointment", "a-1", "c-a-1", AuditSource.Event), (booking.ActorId, booking.ActorRole, booking.EntityType, booking.EntityId, booking.CorrelationId, booking.Source));
        var read = Assert.Single(chain, e => e.Record.Action == "pii.read").Record;
        Assert.Equal(("patient", "p-1", "confirming by phone"), (read.EntityType, read.EntityId, read.Reason));
        Assert.Equal(AuditOutcome.Success, Assert.Single(chain, e => e.Record.Action == "auth.sign_in").Record.Outcome);
        Assert.Equal([Assert.Single(await trail.FindAsync(new AuditQuery("p-1", null, null, 10), Cancel)).Sequence], chain.Where(e => e.Record.EntityId == "p-1").Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_row_that_commits_after_a_later_neighbour_was_sealed_is_still_sealed()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server);
        var trail = new PostgresAuditTrail(db, new AuditOptions { LateRowScanInterval = TimeSpan.Zero });
        await SealANeighbourBeforeTheLateRowCommits(db, trail);

        Assert.Equal(1, await trail.SealAsync(100, Cancel));
        var chain = await trail.ReadChainAsync(0, 100, Cancel);
        Assert.Equal(["a-fast", "a-slow"], chain.Select(e => e.Record.EntityId));
        Assert.True(AuditChain.Verify(chain).Intact);
    }

    [Fact]
    public async Task Between_scans_for_late_rows_a_seal_takes_only_rows_above_the_last_sealed_and_the_next_scan_finds_the_late_one()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server);
        var trail = new PostgresAuditTrail(db, new AuditOptions { LateRowScanInterval = TimeSpan.FromSeconds(1) });
        await SealANeighbourBeforeTheLateRowCommits(db, trail);
        await AuditTestDatabase.EventAsync(db, "appointment.booked", "a-next", "u-1", "patient");

        // The late row's id is below the last sealed one: only a scan finds it, and none is due yet.
        Assert.Equal(1, await trail.SealAsync(100, Cancel));
        Assert.Equal(0L, await Checkpoint(db));
        await Task.Delay(TimeSpan.FromSeconds(1.2), Cancel);
        Assert.Equal(1, await trail.SealAsync(100, Cancel));

        var chain = await trail.ReadChainAsync(0, 100, Cancel);
        Assert.Equal(["a-fast", "a-next", "a-slow"], chain.Select(e => e.Record.EntityId));
        Assert.True(AuditChain.Verify(chain).Intact);
    }

    [Fact]
    public async Task Sealers_running_at_once_while_the_clinic_writes_seal_every_row_exactly_once_in_one_intact_chain()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await AuditTestDatabase.EventAsync(db, "appointment.booked", $"a-{w}-{i}", $"u-{w}", "patient");
            }
        }, Cancel)).ToArray();
        var sealers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var trail = Trail(db);
            while (!stop.IsCancellationRequested)
            {
                await trail.SealAsync(97, Cancel);
            }
        }, Cancel)).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(sealers);

        // Alone now, a last seal takes whatever the racing sealers had not reached.
        var check = Trail(db);
        await check.SealAsync(1000, Cancel);
        Assert.Equal(0, await check.SealAsync(1000, Cancel));
        var chain = await check.ReadChainAsync(0, 2000, Cancel);
        Assert.Equal(1000, chain.Count);
        Assert.Equal(1000, chain.Select(e => e.Record.EntityId).Distinct().Count());
        Assert.True(AuditChain.Verify(chain).Intact);
    }

    [Fact]
    public async Task The_checkpoint_moves_only_past_rows_older_than_the_lookback()
    {
        await using var db = await AuditTestDatabase.CreateAsync(server);
        var trail = new PostgresAuditTrail(db, new AuditOptions { Lookback = TimeSpan.FromSeconds(1), LateRowScanInterval = TimeSpan.Zero });
        await AuditTestDatabase.EventAsync(db, "doctor.created", "d-1", "u-1", "admin");
        await trail.SealAsync(100, Cancel);
        Assert.Equal(0L, await Checkpoint(db));

        await Task.Delay(1500, Cancel);
        await trail.SealAsync(100, Cancel);
        Assert.Equal(1L, await Checkpoint(db));
    }

    private static PostgresAuditTrail Trail(NpgsqlDataSource db) => new(db, new AuditOptions());

    // "a-slow" takes the lower sequence and commits only after its later neighbour "a-fast" was sealed.
    private static async Task SealANeighbourBeforeTheLateRowCommits(NpgsqlDataSource db, PostgresAuditTrail trail)
    {
        await using var slow = await db.OpenConnectionAsync(Cancel);
        await using var transaction = await slow.BeginTransactionAsync(Cancel);
        await AuditTestDatabase.EventAsync(slow, transaction, "appointment.booked", "a-slow");
        await AuditTestDatabase.EventAsync(db, "appointment.booked", "a-fast", "u-1", "patient");
        Assert.Equal(1, await trail.SealAsync(100, Cancel));
        await transaction.CommitAsync(Cancel);
    }

    private static async Task<long> Checkpoint(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT coalesce(max(low_id), 0) FROM audit_logs.seal_checkpoint WHERE source = 'event'");
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static async Task Access(NpgsqlDataSource db, string patient, string action, string actor, string role, string purpose)
    {
        await using var command = db.CreateCommand(
            "INSERT INTO users_pii_vault.pii_access_log (patient_id, action, actor_id, actor_role, purpose) VALUES ($1, $2, $3, $4, $5)");
        foreach (var value in new[] { patient, action, actor, role, purpose })
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
