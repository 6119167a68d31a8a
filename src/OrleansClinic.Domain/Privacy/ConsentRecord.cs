using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>One grant or withdrawal of consent, as it was given: never changed or removed afterwards.</summary>
/// <param name="Purpose">What it is about.</param>
/// <param name="Granted">True for a grant, false for a withdrawal.</param>
/// <param name="PolicyVersion">The privacy-policy version the patient was shown.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Actor">Who recorded it (the token subject).</param>
public sealed record ConsentRecord(ConsentPurpose Purpose, bool Granted, int PolicyVersion, Instant At, string Actor);
