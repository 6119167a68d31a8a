using System.Diagnostics;
using OrleansClinic.Outbox;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The relay's store with a stopwatch on each call, so a drain's time splits into reading rows, marking them sent and
/// reading the lag; what is left of a round is producing to Kafka and waiting for the acknowledgements.
/// </summary>
internal sealed class TimedOutboxStore(IOutboxStore inner) : IOutboxStore
{
    private long readTicks;
    private long markTicks;
    private long lagTicks;
    private int reads;

    /// <summary>Rounds that read rows (one <see cref="ReadUnsentAsync"/> each).</summary>
    public int Reads => reads;

    /// <summary>Time spent in <see cref="ReadUnsentAsync"/>.</summary>
    public TimeSpan ReadTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref readTicks));

    /// <summary>Time spent in <see cref="MarkSentAsync"/>.</summary>
    public TimeSpan MarkTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref markTicks));

    /// <summary>Time spent in <see cref="ReadLagAsync"/>.</summary>
    public TimeSpan LagTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref lagTicks));

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int batchSize, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ReadUnsentAsync(batchSize, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref readTicks, Stopwatch.GetTimestamp() - started);
            Interlocked.Increment(ref reads);
        }
    }

    /// <inheritdoc />
    public async Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.MarkSentAsync(sequences, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref markTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <inheritdoc />
    public async Task<OutboxLag> ReadLagAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ReadLagAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref lagTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        inner.TryAcquireLeaseAsync(holder, duration, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string holder, CancellationToken cancellationToken) => inner.ReleaseLeaseAsync(holder, cancellationToken);
}
