namespace OrleansClinic.Notifications;

/// <summary>Where a provider's later report on a message (a Twilio status callback) reaches the ledger; use key 0.</summary>
public interface IProviderStatusGrain : IGrainWithIntegerKey
{
    /// <summary>Records <paramref name="status"/> for the message the provider knows as <paramref name="providerId"/>; false when unknown.</summary>
    Task<bool> Record(string providerId, string status, string? errorCode);
}
