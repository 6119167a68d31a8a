namespace OrleansClinic.Privacy;

/// <summary>Who touches a patient's personal information and why: written to the vault's access log with every call.</summary>
/// <param name="ActorId">The opaque id of the person or component acting (a token subject, or <c>system:...</c>).</param>
/// <param name="ActorRole">The role they act in (<c>patient</c>, <c>receptionist</c>, ..., <c>system</c>).</param>
/// <param name="Purpose">Why, in a few words without personal details (<c>self-service</c>, <c>front desk</c>, an admin's stated reason).</param>
public sealed record PiiAccess(string ActorId, string ActorRole, string Purpose)
{
    /// <summary>Longest purpose kept; a purpose is a reason, not a note.</summary>
    public const int MaxPurposeLength = 200;

    /// <summary>Throws when a field is empty or the purpose too long, so that no access goes unexplained.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ActorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ActorRole);
        ArgumentException.ThrowIfNullOrWhiteSpace(Purpose);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Purpose.Length, MaxPurposeLength, nameof(Purpose));
    }
}
