using Orleans.Concurrency;

namespace OrleansClinic.Notifications;

/// <summary>What staff need to follow up: notices that may not have reached the patient. Use key 0.</summary>
public interface INotificationDeskGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Dead letters, messages the provider reported undelivered, and claims unanswered for a minute, oldest first: ids,
    /// channel, kind, attempts and the last error, never recipient or text.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<NotificationDelivery>> Undelivered();
}
