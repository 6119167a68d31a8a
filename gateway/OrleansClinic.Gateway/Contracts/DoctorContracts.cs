using OrleansClinic.Domain.Doctors;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>Body of <c>POST /api/v1/doctors</c>.</summary>
public sealed record CreateDoctorRequest(
    string? Name, string? Specialty, string? LocationId, string? TimeZone, int? SlotMinutes, AvailabilityContract? Availability);

/// <summary>A doctor as the API shows it: professional details only.</summary>
public sealed record DoctorResponse(
    string Id, string Name, string Specialty, string LocationId, string TimeZone, int SlotMinutes, string Status, AvailabilityContract Availability)
{
    /// <summary>The API form of a profile.</summary>
    public static DoctorResponse From(DoctorProfile doctor)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        return new(doctor.Id, doctor.Name, doctor.Specialty, doctor.LocationId, doctor.TimeZone, doctor.SlotMinutes,
            doctor.Status.ToApiName(), AvailabilityContract.From(doctor.Availability));
    }
}

/// <summary>A free slot of one doctor, in the clinic's local offset.</summary>
public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End, string TimeZone);

/// <summary>A free slot found by a search across doctors.</summary>
public sealed record DoctorSlotResponse(string DoctorId, DateTimeOffset Start, DateTimeOffset End, string TimeZone);
