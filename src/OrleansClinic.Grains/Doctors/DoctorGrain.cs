using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Doctors;

/// <summary>A doctor's profile and working hours; every change is announced through the outbox.</summary>
public sealed class DoctorGrain(
    [PersistentState(ClinicStorage.Doctor, ClinicStorage.ProviderName)] IPersistentState<DoctorState> state,
    IClock clock) : Grain, IDoctorGrain
{
    /// <inheritdoc />
    public async Task<DoctorProfile> Create(NewDoctor doctor)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        if (state.State.Profile is { } existing)
        {
            return existing;
        }

        var profile = new DoctorProfile(
            this.GetPrimaryKeyString(), doctor.Name, doctor.Specialty, doctor.LocationId, doctor.TimeZone,
            doctor.SlotMinutes, DoctorStatus.Available, doctor.Availability);
        state.State.Profile = profile;
        Raise("doctor.created", profile);
        await this.SaveAsync(state);
        await GrainFactory.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Upsert(profile);
        return profile;
    }

    /// <inheritdoc />
    public Task<DoctorProfile?> Get() => Task.FromResult(state.State.Profile);

    /// <inheritdoc />
    public async Task<DoctorProfile?> SetAvailability(Availability availability)
    {
        if (state.State.Profile is not { } profile)
        {
            return null;
        }

        profile = profile with { Availability = availability };
        state.State.Profile = profile;
        Raise("doctor.availability_changed", profile);
        await this.SaveAsync(state);
        await GrainFactory.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Upsert(profile);
        return profile;
    }

    private void Raise(string type, DoctorProfile profile) =>
        state.State.PendingEvents.Add(ClinicEventFactory.Create(type, profile.Id, clock.GetCurrentInstant(), new
        {
            doctorId = profile.Id,
            profile.Specialty,
            profile.LocationId,
            profile.TimeZone,
            profile.SlotMinutes,
            status = profile.Status.ToString(),
        }));
}
