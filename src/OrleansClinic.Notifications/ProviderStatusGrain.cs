using Orleans.Concurrency;

namespace OrleansClinic.Notifications;

/// <summary>Runs on the silos, where the ledger is; holds nothing, so any silo may take a report.</summary>
[StatelessWorker]
public sealed class ProviderStatusGrain(INotificationLedger ledger) : Grain, IProviderStatusGrain
{
    /// <inheritdoc />
    public Task<bool> Record(string providerId, string status, string? errorCode) => ledger.RecordProviderStatusAsync(providerId, status, errorCode);
}
