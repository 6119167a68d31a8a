using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>A patient's personal details on their way to or from the PII vault; never persisted in grain state.</summary>
[GenerateSerializer, Immutable]
[Alias("OrleansClinic.PersonalDetails")]
public sealed record PersonalDetails(
    [property: Id(0)] string GivenNames,
    [property: Id(1)] string FamilyName,
    [property: Id(2)] LocalDate DateOfBirth,
    [property: Id(3)] string? Email,
    [property: Id(4)] string? Phone,
    [property: Id(5)] string? MedicareNumber,
    [property: Id(6)] string? Ihi)
{
    /// <summary>Keeps the details out of logs and messages that happen to format the record.</summary>
    public override string ToString() => $"{nameof(PersonalDetails)} {{ redacted }}";
}
