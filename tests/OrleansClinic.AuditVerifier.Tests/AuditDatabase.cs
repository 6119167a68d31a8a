using NodaTime;
using NpgsqlTypes;
using OrleansClinic.Persistence.Postgres;

namespace OrleansClinic.AuditVerifier.Tests;

/// <summary>A fresh migrated database whose audit_logs.entry holds a sealed chain, and a superuser's ways to tamper with it.</summary>
public sealed class AuditDatabase
{
    /// <summary>Enough entries that the verifier reads several pages of its default 5,000.</summary>
    public const int DefaultCount = 12_000;

    private static readonly Instant Start = Instant.FromUtc(2026, 11, 29, 9, 0);
    private static readonly string[] Roles = ["patient", "receptionist", "doctor", "system"];
    private static readonly string[] Actions = ["appointment.booked", "appointment.cancelled", "pii.read", "auth.sign_in"];
    private static readonly string[] Outcomes = ["success", "denied", "failed"];
    private static readonly string[] Sources = ["event", "pii_access", "gateway"];
    private static readonly Lazy<IReadOnlyList<SealedAuditEntry>> Sealed = new(() => Seal(DefaultCount));

    private AuditDatabase(string connectionString) => ConnectionString = connectionString;

    /// <summary>The 12,000 entries every database starts with (unless asked for fewer), as sealed.</summary>
    public static IReadOnlyList<SealedAuditEntry> Chain => Sealed.Value;

    /// <summary>The superuser's connection string to the database.</summary>
    public string ConnectionString { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Entry <paramref name="i"/>'s record: sub-microsecond times (sealing truncates them), nulls, and non-ASCII text.</summary>
    public static AuditRecord Record(int i) => new(
        Start + Duration.FromTicks(i * 12_345_678L + 7), $"u-{i % 17}", Roles[i % Roles.Length], Actions[i % Actions.Length], "appointment",
        $"a-{i}", i % 5 == 0 ? null : $"c-{i}", Outcomes[i % Outcomes.Length], i % 4 == 0 ? "vérifié à l'accueil ✓" : null,
        Sources[i % Sources.Length], i);

    /// <summary>A migrated database holding the first <paramref name="count"/> entries of <see cref="Chain"/>.</summary>
    public static async Task<AuditDatabase> CreateAsync(PostgresServer server, string prefix, int count = DefaultCount)
    {
        var connectionString = await server.CreateDatabaseAsync(prefix);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new ClinicMigrator(dataSource).MigrateAsync(Cancel);
        }

        var database = new AuditDatabase(connectionString);
        await using var connection = await database.OpenAsync();
        await InsertAsync(connection, Chain.Take(count));
        return database;
    }

    /// <summary>The entry at <paramref name="sequence"/> as sealed.</summary>
    public static SealedAuditEntry Entry(long sequence) => Chain[(int)sequence - 1];

    /// <summary>Runs <paramref name="statements"/> as the superuser in one transaction with the append-only trigger disabled.</summary>
    public async Task TamperAsync(params string[] statements)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await ExecuteAsync(connection, "ALTER TABLE audit_logs.entry DISABLE TRIGGER entry_append_only");
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, statement);
        }

        await ExecuteAsync(connection, "ALTER TABLE audit_logs.entry ENABLE TRIGGER entry_append_only");
        await transaction.CommitAsync(Cancel);
    }

    /// <summary>
    /// What a superuser who knows the hashing would do: replace every entry from <paramref name="from"/> on with
    /// <paramref name="change"/>d records, resealed so every hash from there is right again.
    /// </summary>
    public async Task<IReadOnlyList<SealedAuditEntry>> RewriteFromAsync(long from, Func<AuditRecord, AuditRecord> change)
    {
        var kept = Chain.Take((int)from - 1).ToList();
        var rewritten = AuditChain.Seal(from - 1, kept[^1].Hash, Chain.Skip((int)from - 1).Select(e => change(e.Record)));
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await ExecuteAsync(connection, "ALTER TABLE audit_logs.entry DISABLE TRIGGER entry_append_only");
        await ExecuteAsync(connection, $"DELETE FROM audit_logs.entry WHERE sequence >= {from}");
        await InsertAsync(connection, rewritten);
        await ExecuteAsync(connection, "ALTER TABLE audit_logs.entry ENABLE TRIGGER entry_append_only");
        await transaction.CommitAsync(Cancel);
        return [.. kept, .. rewritten];
    }

    /// <summary>
    /// A new directory holding the anchors of the entries at <paramref name="sequences"/> as sealed, as an auditor
    /// downloads them from the archive store's <c>audit-anchors/</c>.
    /// </summary>
    public static string AnchorDirectory(params long[] sequences)
    {
        var directory = Directory.CreateTempSubdirectory("clinic-audit-anchors-").FullName;
        foreach (var sequence in sequences)
        {
            File.WriteAllBytes(Path.Combine(directory, AuditAnchor.FileNameOf(sequence)), AuditAnchor.Of(Entry(sequence)).ToJson());
        }

        return directory;
    }

    /// <summary>Opens a connection as the superuser.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Cancel);
        return connection;
    }

    /// <summary>Runs one statement on <paramref name="connection"/>.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>Hex for a bytea literal: <c>'\x…'::bytea</c>.</summary>
    public static string ByteaLiteral(byte[] bytes) => $"'\\x{Convert.ToHexStringLower(bytes)}'::bytea";

    private static List<SealedAuditEntry> Seal(int count) =>
        [.. AuditChain.Seal(0, AuditChain.Genesis.Span, Enumerable.Range(1, count).Select(Record))];

    private static async Task InsertAsync(NpgsqlConnection connection, IEnumerable<SealedAuditEntry> entries)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            """
            COPY audit_logs.entry (sequence, at, actor_id, actor_role, action, entity_type, entity_id, correlation_id, outcome,
                                   reason, source, source_id, previous_hash, hash)
            FROM STDIN (FORMAT BINARY)
            """,
            Cancel);
        foreach (var entry in entries)
        {
            var record = entry.Record;
            await import.StartRowAsync(Cancel);
            await import.WriteAsync(entry.Sequence, NpgsqlDbType.Bigint, Cancel);
            await import.WriteAsync(record.At.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, Cancel);
            foreach (var text in new[] { record.ActorId, record.ActorRole, record.Action, record.EntityType, record.EntityId, record.CorrelationId, record.Outcome, record.Reason, record.Source })
            {
                await (text is null ? import.WriteNullAsync(Cancel) : import.WriteAsync(text, NpgsqlDbType.Text, Cancel));
            }

            await import.WriteAsync(record.SourceId, NpgsqlDbType.Bigint, Cancel);
            await import.WriteAsync(entry.PreviousHash, NpgsqlDbType.Bytea, Cancel);
            await import.WriteAsync(entry.Hash, NpgsqlDbType.Bytea, Cancel);
        }

        await import.CompleteAsync(Cancel);
    }
}
