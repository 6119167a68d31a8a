using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>One published version of the clinic's privacy policy: its number, the day it takes effect, its text.</summary>
/// <param name="Version">Increasing version number; consent records name the version the patient was shown.</param>
/// <param name="EffectiveFrom">The first day (clinic-local) the version applies.</param>
/// <param name="Content">The policy text (Markdown).</param>
public sealed record PrivacyPolicyVersion(int Version, LocalDate EffectiveFrom, string Content);
