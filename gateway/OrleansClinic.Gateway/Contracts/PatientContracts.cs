namespace OrleansClinic.Gateway.Contracts;

/// <summary>A patient's registration: their personal details, all of which go to the PII vault.</summary>
public sealed record RegisterPatientRequest(
    string? GivenName, string? FamilyName, string? DateOfBirth, string? Email, string? Phone, string? MedicareNumber, string? Ihi)
{
    /// <summary>Keeps the details out of anything that formats the request.</summary>
    public override string ToString() => $"{nameof(RegisterPatientRequest)} {{ redacted }}";
}

/// <summary>The registered patient's id.</summary>
public sealed record PatientCreatedResponse(string Id);

/// <summary>A patient's profile with their personal details, as the API shows it.</summary>
public sealed record PatientResponse(
    string Id, string RegisteredAt, string GivenName, string FamilyName, string DateOfBirth, string? Email, string? Phone, string? MedicareNumber, string? Ihi)
{
    /// <summary>Keeps the details out of anything that formats the response.</summary>
    public override string ToString() => $"{nameof(PatientResponse)} {{ id = {Id}, redacted }}";
}

/// <summary>The fields a correction changed (names only).</summary>
public sealed record PatientCorrectedResponse(string Id, IReadOnlyList<string> Changed);

/// <summary>Everything the clinic holds about a patient (APP 12), in one document.</summary>
public sealed record PatientExportResponse(
    string PatientId,
    string ExportedAt,
    string RegisteredAt,
    PatientResponse? PersonalDetails,
    IReadOnlyList<AppointmentResponse> Appointments,
    ConsentsResponse Consents,
    IReadOnlyList<DetailsAccessResponse> DetailsAccessLog,
    IReadOnlyList<ArchivedAppointmentResponse> ArchivedAppointments,
    int ArchiveBatchesRestoring);

/// <summary>
/// An appointment moved to the archive (ended over 13 months ago): where and when, and the record as the clinic kept it.
/// </summary>
public sealed record ArchivedAppointmentResponse(string Id, string? DoctorId, string? Start, string? End, string ArchivedAt, System.Text.Json.JsonElement Record);

/// <summary>One entry of the personal-details access log: when, what, who (id and role), why, which fields.</summary>
public sealed record DetailsAccessResponse(string At, string Action, string ActorId, string ActorRole, string Purpose, IReadOnlyList<string> Fields);

/// <summary>Where an erasure request stands.</summary>
public sealed record ErasureResponse(
    string PatientId, string RequestedAt, bool Complete, IReadOnlyList<string> ErasedNow, string? RestErasedOn, IReadOnlyList<string> CancelledAppointments);

/// <summary>A front-desk search: exactly one of an email, a phone number or a name (words of the given and family names).</summary>
public sealed record PatientSearchRequest(string? Email, string? Phone, string? Name = null)
{
    /// <summary>Keeps the contact detail or name out of anything that formats the request.</summary>
    public override string ToString() => $"{nameof(PatientSearchRequest)} {{ redacted }}";
}

/// <summary>The patients found, by id only: their details are read one by one, each read logged.</summary>
public sealed record PatientSearchResponse(IReadOnlyList<PatientCreatedResponse> Patients);
