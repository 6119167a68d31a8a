using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansClinic.Outbox.Tests;

/// <summary>Passes every call to a real store and notes, in order, each batch read (its size) and each lag read, with the time.</summary>
internal sealed class RecordingOutboxStore(IOutboxStore inner) : IOutboxStore
{
    /// <summary>A lag read in <see cref="Calls"/>.</summary>
    public const int LagRead = -1;

    /// <summary>Rows per batch read, or <see cref="LagRead"/>, each with its <see cref="Stopwatch"/> timestamp.</summary>
    public ConcurrentQueue<(int Rows, long At)> Calls { get; } = new();

    public async Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int batchSize, CancellationToken cancellationToken)
    {
        var rows = await inner.ReadUnsentAsync(batchSize, cancellationToken);
        Calls.Enqueue((rows.Count, Stopwatch.GetTimestamp()));
        return rows;
    }

    public Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken) => inner.MarkSentAsync(sequences, cancellationToken);

    public async Task<OutboxLag> ReadLagAsync(CancellationToken cancellationToken)
    {
        var lag = await inner.ReadLagAsync(cancellationToken);
        Calls.Enqueue((LagRead, Stopwatch.GetTimestamp()));
        return lag;
    }

    public Task<bool> TryAcquireLeaseAsync(string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        inner.TryAcquireLeaseAsync(holder, duration, cancellationToken);

    public Task ReleaseLeaseAsync(string holder, CancellationToken cancellationToken) => inner.ReleaseLeaseAsync(holder, cancellationToken);
}
