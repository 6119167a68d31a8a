using OrleansClinic.Domain.Scheduling;

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
}
