using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Reassignments;
using OrleansClinic.Grains.Abstractions.Reminders;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Doctors;

/// <summary>
/// A doctor's profile and working hours; every change is announced through the outbox. An Orleans reminder wakes the
/// grain when an absence begins or ends, so the status (and the <c>doctor.status</c> event) follows the calendar.
/// </summary>
public sealed class DoctorGrain(
    [PersistentState(ClinicStorage.Doctor, ClinicStorage.ProviderName)] IPersistentState<DoctorState> state,
    IClock clock) : Grain, IDoctorGrain, IRemindable
{
    private const string StatusReminder = "doctor-status";

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
        return await Record(profile, "doctor.created");
    }

    /// <inheritdoc />
    public Task<DoctorProfile?> Get()
    {
        // The status as of now, even if the reminder that records the change has not fired yet.
        var profile = state.State.Profile;
        var status = profile is null ? default : StatusNow(profile);
        return Task.FromResult(profile is null || profile.Status == status ? profile : profile with { Status = status });
    }

    /// <summary>An absence began or ended: the new status is recorded, announced, and the next change scheduled.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Profile is { } profile && profile.Status != StatusNow(profile))
        {
            await Record(profile with { Status = StatusNow(profile) }, "doctor.status");
        }

        await ScheduleNextStatusChange();
    }

    /// <inheritdoc />
    public async Task<DoctorProfile?> SetAvailability(Availability availability)
    {
        if (state.State.Profile is not { } profile)
        {
            return null;
        }

        return await Record(profile with { Availability = availability }, "doctor.availability_changed");
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
            profile = profile with { Absences = [.. profile.Absences, absence] };
            profile = await Record(profile with { Status = StatusNow(profile) }, "doctor.status");
        }

        await ScheduleNextStatusChange();

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
            profile = await Record(profile with
            {
                Status = DoctorStatus.Available,
                Absences = [.. profile.Absences.Select(a => a.To > now ? a with { To = a.From > now ? a.From : now } : a)],
            }, "doctor.status");
        }

        await ScheduleNextStatusChange();

        foreach (var absence in running)
        {
            await GrainFactory.GetGrain<IReassignmentWorkflowGrain>(absence.WorkflowId).Cancel();
        }

        return profile;
    }

    /// <summary>Saves the profile with its event and copies it into the directory the reassignment workflow searches.</summary>
    private async Task<DoctorProfile> Record(DoctorProfile profile, string eventType)
    {
        state.State.Profile = profile;
        Raise(eventType, profile);
        await this.SaveAsync(state);
        await GrainFactory.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Upsert(profile);
        return profile;
    }

    private DoctorStatus StatusNow(DoctorProfile profile) =>
        DoctorStatusRules.At(profile.Absences.Select(a => a.Window), clock.GetCurrentInstant());

    private async Task ScheduleNextStatusChange()
    {
        var now = clock.GetCurrentInstant();
        if (state.State.Profile is { } profile && DoctorStatusRules.NextChange(profile.Absences.Select(a => a.Window), now) is { } next)
        {
            // A reminder that fires early (a distant edge) or again (a silo died as it fired) finds the status unchanged
            // and schedules the next edge.
            await this.RegisterOrUpdateReminder(StatusReminder, DistantReminders.FirstWait(next, now), TimeSpan.FromMinutes(5));
        }
        else if (await this.GetReminder(StatusReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void Raise(string type, DoctorProfile profile) =>
        state.State.PendingEvents.Add(ClinicEventFactory.Create(type, profile.Id, clock.GetCurrentInstant(), new
        {
            doctorId = profile.Id,
            profile.Specialty,
            profile.LocationId,
            profile.TimeZone,
            profile.SlotMinutes,
            status = profile.Status.ToApiName(),
        }));
}
