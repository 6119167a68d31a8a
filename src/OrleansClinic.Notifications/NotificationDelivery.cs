using NodaTime;

namespace OrleansClinic.Notifications;

/// <summary>One notice to one patient through one channel, as the ledger keeps it (no recipient, no text).</summary>
/// <param name="Key">appointment id : kind : appointment version : channel; at most one delivery per key.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Channel">sms or email.</param>
/// <param name="Kind">confirmation, rescheduled, cancelled, reassigned.</param>
/// <param name="Status">claimed (being sent), sent, or dead_letter.</param>
/// <param name="Attempts">How many times the provider was called.</param>
/// <param name="ProviderId">The provider's message id once sent.</param>
/// <param name="LastError">The last refusal, without recipient or text.</param>
/// <param name="UpdatedAt">When the row last changed.</param>
/// <param name="ProviderStatus">What the provider last reported after accepting it (Twilio: delivered, undelivered, failed, ...).</param>
[GenerateSerializer, Immutable]
public sealed record NotificationDelivery(
    [property: Id(0)] string Key,
    [property: Id(1)] string PatientId,
    [property: Id(2)] string Channel,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Status,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string? ProviderId,
    [property: Id(7)] string? LastError,
    [property: Id(8)] Instant UpdatedAt,
    [property: Id(9)] string? ProviderStatus = null)
{
    /// <summary>Claimed, the provider not yet known to have it.</summary>
    public const string Claimed = "claimed";

    /// <summary>The provider accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>Given up after the last attempt: for staff to follow up.</summary>
    public const string DeadLetter = "dead_letter";

    /// <summary>What the provider reports of a message it accepted but could not hand over.</summary>
    public static readonly IReadOnlyList<string> ProviderUndelivered = ["undelivered", "failed"];

    /// <summary>
    /// Why this notice may not have reached the patient: <c>failed</c> (never went out), <c>undelivered</c> (the provider
    /// reported so), <c>unconfirmed</c> (claimed with no provider answer); null when it went out.
    /// </summary>
    public string? UndeliveredReason => Status switch
    {
        DeadLetter => "failed",
        Claimed => "unconfirmed",
        _ when ProviderStatus is { } reported && ProviderUndelivered.Contains(reported) => "undelivered",
        _ => null,
    };
}
