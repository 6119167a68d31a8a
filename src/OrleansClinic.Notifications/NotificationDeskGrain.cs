using NodaTime;
using Orleans.Concurrency;

namespace OrleansClinic.Notifications;

/// <summary>Reads the ledger where it is (the silos); holds nothing.</summary>
[StatelessWorker]
public sealed class NotificationDeskGrain(INotificationLedger ledger, IClock clock) : Grain, INotificationDeskGrain
{
    /// <summary>
    /// How long a claim may go unanswered before staff see it: well beyond a send with every retry, so a notice still
    /// being sent is not shown as lost.
    /// </summary>
    public static readonly Duration UnconfirmedAfter = Duration.FromMinutes(5);

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationDelivery>> Undelivered() => ledger.UndeliveredAsync(clock.GetCurrentInstant() - UnconfirmedAfter);
}
