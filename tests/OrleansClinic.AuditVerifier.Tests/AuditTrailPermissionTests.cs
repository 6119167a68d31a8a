using NpgsqlTypes;

namespace OrleansClinic.AuditVerifier.Tests;

/// <summary>
/// Why only a superuser's tampering needs the verifier: the clinic's own role may add and read audit entries but not
/// change or remove them, and even the superuser must first switch off the append-only triggers.
/// </summary>
public sealed class AuditTrailPermissionTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Rewrites =>
    [
        "UPDATE audit_logs.entry SET outcome = 'denied' WHERE sequence = 2",
        "DELETE FROM audit_logs.entry WHERE sequence = 4",
        "TRUNCATE audit_logs.entry",
    ];

    [Fact]
    public async Task The_application_role_may_add_and_read_audit_entries_but_not_change_or_remove_them()
    {
        var database = await AuditDatabase.CreateAsync(server, "app_role", count: 4);

        // Roles belong to the server, not the database: a name of its own, dropped afterwards, keeps tests apart.
        var role = $"clinic_app_test_{Guid.NewGuid():N}";
        var password = Guid.NewGuid().ToString("N");
        await using var admin = await database.OpenAsync();
        await AuditDatabase.ExecuteAsync(admin, $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' IN ROLE clinic_app");
        try
        {
            var asApp = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = password, Pooling = false };
            await using var app = new NpgsqlConnection(asApp.ConnectionString);
            await app.OpenAsync(Cancel);

            await InsertAsync(app, AuditDatabase.Entry(5));
            await using (var count = new NpgsqlCommand("SELECT count(*) FROM audit_logs.entry", app))
            {
                Assert.Equal(5L, await count.ExecuteScalarAsync(Cancel));
            }

            foreach (var rewrite in Rewrites)
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => AuditDatabase.ExecuteAsync(app, rewrite));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
                Assert.Contains("permission denied", refused.MessageText, StringComparison.Ordinal);
            }
        }
        finally
        {
            await AuditDatabase.ExecuteAsync(admin, $"DROP ROLE IF EXISTS \"{role}\"");
        }

        var report = await new AuditDumpVerifier().RunAsync(database.ConnectionString, cancellationToken: Cancel);
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(5, report.HeadSequence);
    }

    [Theory]
    [MemberData(nameof(Rewrites))]
    public async Task The_superuser_is_stopped_by_the_append_only_triggers_until_it_disables_them(string rewrite)
    {
        var database = await AuditDatabase.CreateAsync(server, "superuser", count: 4);
        await using var admin = await database.OpenAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => AuditDatabase.ExecuteAsync(admin, rewrite));

        Assert.Equal(PostgresErrorCodes.RaiseException, refused.SqlState);
        Assert.Equal("audit_logs.entry is append-only", refused.MessageText);
        var report = await new AuditDumpVerifier().RunAsync(database.ConnectionString, cancellationToken: Cancel);
        Assert.Equal((true, 4L), (report.Intact, report.HeadSequence));
    }

    private static async Task InsertAsync(NpgsqlConnection connection, SealedAuditEntry entry)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO audit_logs.entry (sequence, at, actor_id, actor_role, action, entity_type, entity_id, correlation_id,
                                          outcome, reason, source, source_id, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """,
            connection);
        var record = entry.Record;
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.Sequence });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = record.At.ToDateTimeUtc() });
        foreach (var text in new[] { record.ActorId, record.ActorRole, record.Action, record.EntityType, record.EntityId, record.CorrelationId, record.Outcome, record.Reason, record.Source })
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value });
        }

        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.SourceId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.PreviousHash });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.Hash });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
