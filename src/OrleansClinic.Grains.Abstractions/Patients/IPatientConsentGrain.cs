using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>
/// A patient's consents: the append-only history of grants and withdrawals per purpose, each with the privacy-policy
/// version shown, and the current decisions that notifications and integrations consult. Keyed by patient id.
/// </summary>
public interface IPatientConsentGrain : IGrainWithStringKey
{
    /// <summary>Every decision, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ConsentView>> History();

    /// <summary>
    /// Records a grant or withdrawal of <paramref name="purpose"/> (an API name such as <c>sms_reminders</c>); a retry of
    /// the latest decision under the same policy version records nothing.
    /// </summary>
    Task<ConsentChange> Set(string purpose, bool granted, int policyVersion);
}

/// <summary>One recorded decision.</summary>
/// <param name="Purpose">The purpose's API name.</param>
/// <param name="Granted">True for a grant, false for a withdrawal.</param>
/// <param name="PolicyVersion">The privacy-policy version shown.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Actor">Who recorded it.</param>
[GenerateSerializer, Immutable]
public sealed record ConsentView(
    [property: Id(0)] string Purpose,
    [property: Id(1)] bool Granted,
    [property: Id(2)] int PolicyVersion,
    [property: Id(3)] Instant At,
    [property: Id(4)] string Actor);

/// <summary>The outcome of <see cref="IPatientConsentGrain.Set"/>.</summary>
/// <param name="Recorded">False when it repeated the latest decision.</param>
/// <param name="Latest">The purpose's latest decision after the call.</param>
[GenerateSerializer, Immutable]
public sealed record ConsentChange([property: Id(0)] bool Recorded, [property: Id(1)] ConsentView Latest);
