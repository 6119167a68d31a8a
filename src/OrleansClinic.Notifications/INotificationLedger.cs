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

    /// <summary>Every dead letter, oldest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> DeadLettersAsync(CancellationToken cancellationToken = default);
}
