using Orleans.Concurrency;

namespace OrleansClinic.Notifications;

/// <summary>Reads the ledger where it is (the silos); holds nothing.</summary>
[StatelessWorker]
public sealed class NotificationDeskGrain(INotificationLedger ledger) : Grain, INotificationDeskGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationDelivery>> DeadLetters() => ledger.DeadLettersAsync();
}
