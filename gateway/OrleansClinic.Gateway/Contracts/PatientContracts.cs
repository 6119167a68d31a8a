namespace OrleansClinic.Gateway.Contracts;

/// <summary>A patient's registration: their personal details, all of which go to the PII vault.</summary>
public sealed record RegisterPatientRequest(
    string? GivenName, string? FamilyName, string? DateOfBirth, string? Email, string? Phone, string? MedicareNumber, string? Ihi);

/// <summary>The registered patient's id.</summary>
public sealed record PatientCreatedResponse(string Id);

/// <summary>A patient's profile with their personal details, as the API shows it.</summary>
public sealed record PatientResponse(
    string Id, string RegisteredAt, string GivenName, string FamilyName, string DateOfBirth, string? Email, string? Phone, string? MedicareNumber, string? Ihi);

/// <summary>The fields a correction changed (names only).</summary>
public sealed record PatientCorrectedResponse(string Id, IReadOnlyList<string> Changed);
