using NodaTime;
using OrleansClinic.Domain.Audit;
using OrleansClinic.Outbox;
using OrleansClinic.Privacy;

namespace OrleansClinic.Audit;

/// <summary>
/// The embedded clinic's audit trail: the same chain, sealed from the in-memory outbox and PII vault (either may be
/// absent) and what the gateway records, held in memory and gone with the process like the rest of the embedded clinic.
/// </summary>
public sealed class InMemoryAuditTrail(InMemoryOutboxStore? outbox, InMemoryPiiVault? vault) : IAuditTrail
{
    private readonly Lock sync = new();
    private readonly List<SealedAuditEntry> chain = [];
    private readonly List<AuditRecord> pending = [];
    private long eventsSealed;
    private long accessSealed;
    private int pendingSealed;

    /// <inheritdoc />
    public Task<int> SealAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (sync)
        {
            var records = new List<AuditRecord>();
            foreach (var row in outbox?.ReadAppended(eventsSealed, max) ?? [])
            {
                records.Add(AuditSource.FromEvent(
                    row.Sequence, Instant.FromDateTimeOffset(row.OccurredAt), row.ActorId, row.ActorRole, row.EventType, row.EntityKey, row.CorrelationId));
            }

            foreach (var (position, patientId, access) in vault?.ReadAccessLog(accessSealed, max) ?? [])
            {
                records.Add(AuditSource.FromPiiAccess(
                    position, access.At, access.Access.ActorId, access.Access.ActorRole, access.Action.ToString().ToLowerInvariant(), patientId, access.Access.Purpose));
            }

            records.AddRange(pending.Skip(pendingSealed).Take(max));

            // Oldest first across sources, as on PostgreSQL; all that was read is sealed, so each cursor moves to its last row.
            var batch = AuditSource.InSealOrder(records).ToList();
            var last = chain.Count > 0 ? chain[^1] : null;
            chain.AddRange(AuditChain.Seal(last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis.Span, batch));
            eventsSealed = batch.Where(r => r.Source == AuditSource.Event).Select(r => r.SourceId).DefaultIfEmpty(eventsSealed).Max();
            accessSealed = batch.Where(r => r.Source == AuditSource.PiiAccess).Select(r => r.SourceId).DefaultIfEmpty(accessSealed).Max();
            pendingSealed += batch.Count(r => r.Source == AuditSource.Gateway);
            return Task.FromResult(batch.Count);
        }
    }

    /// <inheritdoc />
    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (sync)
        {
            pending.Add(record with { Source = AuditSource.Gateway, SourceId = pending.Count + 1 });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SealedAuditEntry>> FindAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<SealedAuditEntry>>([.. chain.Where(e =>
                (query.EntityId is null || e.Record.EntityId == query.EntityId)
                && (query.From is null || e.Record.At >= query.From)
                && (query.To is null || e.Record.At < query.To)).Take(query.Limit)]);
        }
    }

    /// <inheritdoc />
    public Task<SealedAuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult(chain.Count > 0 ? chain[^1] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SealedAuditEntry>> ReadChainAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<SealedAuditEntry>>([.. chain.Skip((int)Math.Min(afterSequence, chain.Count)).Take(max)]);
        }
    }
}
