using System.Data;
using System.Globalization;
using NodaTime;
using Npgsql;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.AuditVerifier;

/// <summary>
/// Checks the audit trail in a database's <c>audit_logs.entry</c> (typically a dump restored into a scratch database):
/// reads it in sequence order a page at a time, verifies the hash chain with <see cref="AuditChain.Verify"/>, and checks
/// that it still passes through an anchor the auditor noted earlier and the anchors the silos kept in the archive store.
/// </summary>
public sealed class AuditDumpVerifier
{
    /// <summary>Entries read per query unless told otherwise.</summary>
    public const int DefaultPageSize = 5000;

    private const string PageSql = """
        SELECT sequence, at, actor_id, actor_role, action, entity_type, entity_id, correlation_id, outcome, reason,
               source, source_id, previous_hash, hash
        FROM audit_logs.entry
        WHERE sequence > $1
        ORDER BY sequence
        LIMIT $2
        """;

    private readonly int pageSize;

    /// <summary>Creates a verifier that reads <paramref name="pageSize"/> entries per query.</summary>
    public AuditDumpVerifier(int pageSize = DefaultPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        this.pageSize = pageSize;
    }

    /// <summary>
    /// Verifies the chain in the database <paramref name="connectionString"/> names. With <paramref name="anchor"/>, the
    /// chain must also pass through that noted hash; with <paramref name="fromSequence"/> (which needs an anchor, there),
    /// checking starts at that entry instead of the first, for an auditor who checked everything before it already. With
    /// <paramref name="storedAnchors"/> (<see cref="AuditAnchorDirectory"/>), every anchored entry checked must have its
    /// anchored hash, and the chain must reach the newest.
    /// </summary>
    /// <exception cref="AuditVerifierException">The arguments are wrong or the audit table cannot be read.</exception>
    public async Task<AuditVerifierReport> RunAsync(
        string connectionString, AuditAnchor? anchor = null, long? fromSequence = null, IReadOnlyCollection<AuditAnchor>? storedAnchors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        anchor = CheckedAnchor(anchor, fromSequence);
        var anchors = BySequence(anchor, storedAnchors);
        var builder = ParseConnectionString(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);

            // One snapshot for every page: run against a live database, the verifier still sees a single consistent chain.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
            }

            var report = await VerifyAsync(connection, transaction, anchor, anchors, fromSequence, cancellationToken);
            return storedAnchors is null ? report : report with { NewestAnchor = storedAnchors.Max(a => a.Sequence) };
        }
        catch (PostgresException e)
        {
            throw new AuditVerifierException(Explain(e, builder), e);
        }
        catch (NpgsqlException e)
        {
            var cause = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $" ({inner.Message})" : "";
            throw new AuditVerifierException($"Could not read the audit trail at {Where(builder)}: {e.Message}{cause}", e);
        }
    }

    private async Task<AuditVerifierReport> VerifyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AuditAnchor? anchor, IReadOnlyDictionary<long, AuditAnchor>? anchors, long? fromSequence,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PageSql, connection, transaction);
        var after = new NpgsqlParameter<long> { TypedValue = (fromSequence ?? 1) - 1 };
        command.Parameters.Add(after);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });

        AuditVerification? state = fromSequence is null ? AuditVerification.Empty : null;
        SealedAuditEntry? anchored = null;
        var page = new List<SealedAuditEntry>(pageSize);
        while (true)
        {
            page.Clear();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(ReadEntry(reader));
                }
            }

            if (page.Count == 0)
            {
                break;
            }

            // Starting part way, the first entry's stored previous hash is taken on trust; the anchor on that entry
            // is what makes it trustworthy, since its hash covers that previous hash.
            state ??= new AuditVerification(true, 0, fromSequence!.Value - 1, page[0].PreviousHash, null, null);
            var intactBefore = state.Entries;
            state = AuditChain.Verify(page, state, anchors);
            if (anchor is { Sequence: null })
            {
                anchored ??= page.Take((int)(state.Entries - intactBefore)).FirstOrDefault(e => e.Hash.AsSpan().SequenceEqual(anchor.Hash.Span));
            }

            if (!state.Intact || page.Count < pageSize)
            {
                break;
            }

            after.TypedValue = page[^1].Sequence;
        }

        state ??= new AuditVerification(true, 0, fromSequence!.Value - 1, AuditChain.Genesis, null, null);
        state = anchors is null ? state : AuditChain.VerifyReachesAnchors(state, anchors);
        var report = new AuditVerifierReport(state.Intact, state.Entries, state.HeadSequence, state.HeadHash, state.BrokenAt, state.Problem)
        {
            AnchorsChecked = anchors is null ? null : state.AnchorsChecked,
        };

        // A broken chain is the first thing wrong; an anchor noted without its entry only matters for a chain that
        // verifies on its own, and one noted with its entry was checked there.
        return !state.Intact || anchor is null ? report
            : anchor.Sequence is { } sequence ? report with { AnchoredAt = sequence }
            : FoundAnywhere(report, anchor, anchored);
    }

    private static AuditVerifierReport FoundAnywhere(AuditVerifierReport report, AuditAnchor anchor, SealedAuditEntry? anchored) =>
        anchored is not null
            ? report with { AnchoredAt = anchored.Sequence }
            : report with
            {
                Intact = false,
                Problem = $"no entry has the anchor hash {Convert.ToHexStringLower(anchor.Hash.Span)}: the chain was rewritten at or before the entry it was noted at, or entries were removed from the end",
            };

    private static IReadOnlyDictionary<long, AuditAnchor>? BySequence(AuditAnchor? anchor, IReadOnlyCollection<AuditAnchor>? storedAnchors)
    {
        if (anchor is not { Sequence: not null } && storedAnchors is null)
        {
            return null;
        }

        try
        {
            return AuditAnchor.BySequence(anchor is { Sequence: not null } ? storedAnchors?.Append(anchor) ?? [anchor] : storedAnchors!);
        }
        catch (ArgumentException e)
        {
            // Either the auditor's note or a downloaded anchor is not what the clinic anchored: compare them by hand.
            throw new AuditVerifierException(e.Message, e);
        }
    }

    private static AuditAnchor? CheckedAnchor(AuditAnchor? anchor, long? fromSequence)
    {
        if (anchor is not null && anchor.Hash.Length != AuditChain.Genesis.Length)
        {
            throw new AuditVerifierException(Invariant($"An anchor hash is {AuditChain.Genesis.Length} bytes ({AuditChain.Genesis.Length * 2} hex digits), not {anchor.Hash.Length}."));
        }

        if (anchor?.Sequence is < 1)
        {
            throw new AuditVerifierException("An anchor's sequence starts at 1.");
        }

        if (fromSequence is not { } from)
        {
            return anchor;
        }

        if (from < 1)
        {
            throw new AuditVerifierException("Checking starts at entry 1 or later.");
        }

        // Without an anchor there, a chain rewritten before the starting entry could not be told from the original.
        if (anchor is null)
        {
            throw new AuditVerifierException("Starting part way (--from-sequence) needs the hash noted for that entry (--expect-head-hash).");
        }

        if (anchor.Sequence is { } at && at != from)
        {
            throw new AuditVerifierException("Starting part way, the anchor is the starting entry: --at-sequence, if given, must equal --from-sequence.");
        }

        return anchor with { Sequence = from };
    }

    private static SealedAuditEntry ReadEntry(NpgsqlDataReader reader)
    {
        // Sealing never writes NULL, an infinite time or one beyond DateTime, so such a value can only come from
        // tampering: read it as something that cannot hash as sealed (the canonical form tells NULL from any text), so
        // it is reported as a broken entry rather than stopping the verifier.
        var (at, readable) = ReadAt(reader, 1);
        var sourceId = reader.IsDBNull(11) ? (long?)null : reader.GetInt64(11);
        var record = new AuditRecord(
            at, Text(reader, 2)!, Text(reader, 3)!, Text(reader, 4)!, Text(reader, 5)!, Text(reader, 6)!, Text(reader, 7),
            Text(reader, 8)!, Text(reader, 9), Text(reader, 10)!, sourceId ?? 0);
        var hash = readable && sourceId is not null ? Bytes(reader, 13) : [];
        return new SealedAuditEntry(reader.GetInt64(0), record, Bytes(reader, 12), hash);
    }

    private static (Instant At, bool Readable) ReadAt(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return (default, false);
        }

        try
        {
            var utc = reader.GetFieldValue<DateTime>(ordinal);
            return utc == DateTime.MinValue || utc == DateTime.MaxValue ? (default, false) : (Instant.FromDateTimeUtc(utc), true);
        }
        catch (InvalidCastException)
        {
            return (default, false);
        }
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static byte[] Bytes(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);

    private static NpgsqlConnectionStringBuilder ParseConnectionString(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new AuditVerifierException($"The connection string is not valid: {e.Message}", e);
        }
    }

    private static string Explain(PostgresException e, NpgsqlConnectionStringBuilder builder) => e.SqlState switch
    {
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName =>
            $"The database at {Where(builder)} has no audit_logs.entry table: restore the audit_logs schema into it first (docs/audit.md).",
        PostgresErrorCodes.UndefinedColumn =>
            $"audit_logs.entry at {Where(builder)} lacks a column the audit trail has (migration 0013): {e.MessageText}.",
        _ => $"PostgreSQL at {Where(builder)} refused: {e.MessageText} (SQLSTATE {e.SqlState}).",
    };

    // Host, port and database only: the connection string may hold a password.
    private static string Where(NpgsqlConnectionStringBuilder builder) =>
        Invariant($"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
