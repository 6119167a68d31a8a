using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Reassignments;
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

    /// <inheritdoc />
    public async Task<ReassignmentView?> MarkUnavailable(DoctorAbsence absence)
    {
        ArgumentNullException.ThrowIfNull(absence);
        if (state.State.Profile is not { } profile)
        {
            return null;
        }

        // Recorded before the workflow starts: a crash in between is finished by the caller's retry, which finds the
        // absence recorded and starts (or re-reads) the same workflow.
        if (profile.Absences.All(a => a.WorkflowId != absence.WorkflowId))
        {
            profile = profile with
            {
                Absences = [.. profile.Absences, absence],
                Status = absence.Kind == AbsenceKind.Emergency ? DoctorStatus.Unavailable : profile.Status,
            };
            state.State.Profile = profile;
            Raise("doctor.status", profile);
            await this.SaveAsync(state);
            await GrainFactory.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Upsert(profile);
        }

        var recorded = profile.Absences.First(a => a.WorkflowId == absence.WorkflowId);
        return await GrainFactory.GetGrain<IReassignmentWorkflowGrain>(recorded.WorkflowId).Start(profile, recorded.From, recorded.To);
    }

    /// <inheritdoc />
    public async Task<DoctorProfile?> Return()
    {
        if (state.State.Profile is not { } profile)
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        var running = profile.Absences.Where(a => a.To > now).ToList();
        if (profile.Status != DoctorStatus.Available || running.Count > 0)
        {
            profile = profile with
            {
                Status = DoctorStatus.Available,
                Absences = [.. profile.Absences.Select(a => a.To > now ? a with { To = a.From > now ? a.From : now } : a)],
            };
            state.State.Profile = profile;
            Raise("doctor.status", profile);
            await this.SaveAsync(state);
            await GrainFactory.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Upsert(profile);
        }

        foreach (var absence in running)
        {
            await GrainFactory.GetGrain<IReassignmentWorkflowGrain>(absence.WorkflowId).Cancel();
        }

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
