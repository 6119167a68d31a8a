using NodaTime;

namespace OrleansClinic.Notifications;

/// <summary>
/// The dedupe table of notices: a key is claimed before the provider is called, so a redelivered event, a retry or a
/// restart finds it claimed and sends nothing again.
/// </summary>
public interface INotificationLedger
{
    /// <summary>Claims the key; false when it was claimed before (sent, being sent, or given up).</summary>
    Task<bool> TryClaimAsync(string key, string patientId, string channel, string kind, CancellationToken cancellationToken = default);

    /// <summary>Records one attempt's result: sent with the provider's id, or still failing with why.</summary>
    Task RecordAttemptAsync(string key, string? providerId, string? error, CancellationToken cancellationToken = default);

    /// <summary>Gives up on the key: a dead letter staff can see.</summary>
    Task DeadLetterAsync(string key, string error, CancellationToken cancellationToken = default);

    /// <summary>Records what the provider reported later about the message it accepted as <paramref name="providerId"/>; false when no delivery has that id.</summary>
    Task<bool> RecordProviderStatusAsync(string providerId, string status, string? errorCode, CancellationToken cancellationToken = default);

    /// <summary>A patient's deliveries, oldest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ForPatientAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Notices that may not have reached the patient, oldest first: dead letters, messages the provider later reported
    /// undelivered or failed, and claims last touched before <paramref name="unconfirmedBefore"/> with no provider answer
    /// (a silo died mid-send: perhaps sent, perhaps not, so staff decide rather than the clinic resending blindly).
    /// </summary>
    Task<IReadOnlyList<NotificationDelivery>> UndeliveredAsync(Instant unconfirmedBefore, CancellationToken cancellationToken = default);
}
