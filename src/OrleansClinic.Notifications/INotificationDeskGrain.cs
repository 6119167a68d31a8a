using Orleans.Concurrency;

namespace OrleansClinic.Notifications;

/// <summary>What staff need to follow up: notices that never went out. Use key 0.</summary>
public interface INotificationDeskGrain : IGrainWithIntegerKey
{
    /// <summary>Every dead letter, oldest first: ids, channel, kind, attempts and the last error, never recipient or text.</summary>
    [ReadOnly]
    Task<IReadOnlyList<NotificationDelivery>> DeadLetters();
}
