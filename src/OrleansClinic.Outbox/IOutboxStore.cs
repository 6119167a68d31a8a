namespace OrleansClinic.Outbox;

/// <summary>
/// Where committed events wait to be published, and the lease that lets one relay of a cluster publish them:
/// <see cref="PostgresOutboxStore"/> in a cluster, <see cref="InMemoryOutboxStore"/> for the embedded single-process clinic.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Up to <paramref name="batchSize"/> unsent rows, in <see cref="OutboxRow.Sequence"/> order.</summary>
    Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int batchSize, CancellationToken cancellationToken);

    /// <summary>Marks the rows with these sequences sent; marking a row twice changes nothing.</summary>
    Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken);

    /// <summary>How many rows wait and how old the oldest is.</summary>
    Task<OutboxLag> ReadLagAsync(CancellationToken cancellationToken);

    /// <summary>Takes or renews the relay lease for <paramref name="holder"/>; false while another holder's lease is valid.</summary>
    Task<bool> TryAcquireLeaseAsync(string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if <paramref name="holder"/> holds it, so a successor need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(string holder, CancellationToken cancellationToken);
}
