namespace OrleansClinic.Outbox;

/// <summary>
/// The outbox of the embedded single-process clinic, whose grain state lives in memory too: events are appended right
/// after their state write succeeded, so both vanish together when the process ends. Only one relay runs, so the lease is
/// always granted.
/// </summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, (OutboxRow Row, DateTimeOffset AddedAt)> unsent = [];

    // Every row appended, sent or not, as outbox.event keeps them in PostgreSQL: the audit trail seals them from here.
    private readonly List<OutboxRow> appended = [];
    private readonly TimeProvider time;
    private long sequence;

    /// <summary>Creates an empty outbox on <paramref name="time"/> (the system clock when null).</summary>
    public InMemoryOutboxStore(TimeProvider? time = null) => this.time = time ?? TimeProvider.System;

    /// <summary>Appends events in order, giving each the next sequence (the sequences passed in are ignored).</summary>
    public void Append(IEnumerable<OutboxRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (gate)
        {
            foreach (var row in rows)
            {
                var next = ++sequence;
                unsent[next] = (row with { Sequence = next }, time.GetUtcNow());
                appended.Add(unsent[next].Row);
            }
        }
    }

    /// <summary>Rows appended after <paramref name="afterSequence"/>, sent or not, in order, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<OutboxRow> ReadAppended(long afterSequence, int max)
    {
        lock (gate)
        {
            // Sequences are 1, 2, 3, … in list order.
            return [.. appended.Skip((int)Math.Min(afterSequence, appended.Count)).Take(max)];
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int batchSize, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxRow>>(unsent.Values.Take(batchSize).Select(e => e.Row).ToList());
        }
    }

    /// <inheritdoc />
    public Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (gate)
        {
            foreach (var sent in sequences)
            {
                unsent.Remove(sent);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OutboxLag> ReadLagAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var oldest = unsent.Count == 0 ? (DateTimeOffset?)null : unsent.First().Value.AddedAt;
            return Task.FromResult(new OutboxLag(unsent.Count, oldest, time.GetUtcNow()));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string holder, TimeSpan duration, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string holder, CancellationToken cancellationToken) => Task.CompletedTask;
}
