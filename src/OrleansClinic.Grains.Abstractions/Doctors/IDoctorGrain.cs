using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Reassignments;

namespace OrleansClinic.Grains.Abstractions.Doctors;

/// <summary>A doctor: profile, status and working hours. Keyed by doctor id.</summary>
public interface IDoctorGrain : IGrainWithStringKey
{
    /// <summary>Creates the doctor; calling again with the same details is a no-op that returns the profile.</summary>
    Task<DoctorProfile> Create(NewDoctor doctor);

    /// <summary>The doctor's profile, or null when no such doctor exists.</summary>
    [ReadOnly]
    Task<DoctorProfile?> Get();

    /// <summary>Replaces the weekly template and exceptions; null when no such doctor exists.</summary>
    Task<DoctorProfile?> SetAvailability(Availability availability);

    /// <summary>
    /// Records an absence (an emergency also makes the doctor unavailable now), then starts its reassignment workflow
    /// and returns its progress. Repeating it with the same workflow id records nothing twice; null when no such doctor.
    /// </summary>
    Task<ReassignmentView?> MarkUnavailable(DoctorAbsence absence);

    /// <summary>The doctor is back: available again, absences still running end now and their workflows stop. Null when no such doctor.</summary>
    Task<DoctorProfile?> Return();
}
