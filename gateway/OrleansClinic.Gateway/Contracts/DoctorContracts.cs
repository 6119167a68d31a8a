using OrleansClinic.Domain.Doctors;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>Body of <c>POST /api/v1/doctors</c>.</summary>
public sealed record CreateDoctorRequest(
    string? Name, string? Specialty, string? LocationId, string? TimeZone, int? SlotMinutes, AvailabilityContract? Availability);

/// <summary>A doctor as the API shows it: professional details only, and when they are away (never why).</summary>
public sealed record DoctorResponse(
    string Id, string Name, string Specialty, string LocationId, string TimeZone, int SlotMinutes, string Status, AvailabilityContract Availability,
    IReadOnlyList<AbsenceResponse> Absences)
{
    /// <summary>The API form of a profile.</summary>
    public static DoctorResponse From(DoctorProfile doctor)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        return new(doctor.Id, doctor.Name, doctor.Specialty, doctor.LocationId, doctor.TimeZone, doctor.SlotMinutes,
            doctor.Status.ToApiName(), AvailabilityContract.From(doctor.Availability),
            [.. doctor.Absences.Select(a => AbsenceResponse.Of(a, doctor.TimeZone))]);
    }
}

/// <summary>
/// A window the doctor is away, with the re-assignment workflow that moved their patients (staff read it at
/// <c>/api/v1/reassignments/{reassignmentId}</c>). The reason stays with staff: it may be about the doctor's health.
/// </summary>
public sealed record AbsenceResponse(DateTimeOffset From, DateTimeOffset To, string Kind, string ReassignmentId)
{
    /// <summary>The API form of an absence, in the doctor's zone.</summary>
    public static AbsenceResponse Of(DoctorAbsence absence, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(absence);
        var zone = NodaTime.DateTimeZoneProviders.Tzdb[zoneId];
        return new(AppointmentResponse.Local(absence.From, zone), AppointmentResponse.Local(absence.To, zone),
            absence.Kind == AbsenceKind.Emergency ? "emergency" : "planned", absence.WorkflowId);
    }
}

/// <summary>A free slot of one doctor, in the clinic's local offset.</summary>
public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End, string TimeZone);

/// <summary>A slot taken for something not finished yet: <c>hold</c> (a short hold) or <c>move</c> (an appointment moving in).</summary>
public sealed record HeldSlotResponse(DateTimeOffset Start, DateTimeOffset End, string TimeZone, string Why);

/// <summary>A free slot found by a search across doctors.</summary>
public sealed record DoctorSlotResponse(string DoctorId, DateTimeOffset Start, DateTimeOffset End, string TimeZone);
