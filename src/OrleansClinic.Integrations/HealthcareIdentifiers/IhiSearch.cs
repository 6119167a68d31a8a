using NodaTime;

namespace OrleansClinic.Integrations.HealthcareIdentifiers;

/// <summary>The demographics an IHI search matches on; they must be exactly as the patient's Medicare record has them.</summary>
/// <param name="FamilyName">Family name.</param>
/// <param name="GivenName">First given name; null for a person with only one name.</param>
/// <param name="DateOfBirth">Date of birth.</param>
/// <param name="Sex">Sex as recorded with Medicare.</param>
/// <param name="MedicareNumber">Medicare card number with the individual reference number, if known; without it the search needs other details.</param>
public sealed record IhiSearch(
    string FamilyName,
    string? GivenName,
    LocalDate DateOfBirth,
    IhiSex Sex,
    string? MedicareNumber = null)
{
    /// <summary>Keeps the demographics out of logs and exception messages that happen to format the record.</summary>
    public override string ToString() => $"{nameof(IhiSearch)} {{ redacted }}";
}
