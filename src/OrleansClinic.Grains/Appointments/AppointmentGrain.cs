using Microsoft.Extensions.Logging;
using Orleans.Storage;
using NodaTime;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Appointments;

/// <summary>
/// An appointment and the sagas that move it. A booking or move is written down before its first step; each step is
/// idempotent; an interrupted saga is finished (or undone) on the next activation. Something always comes back for it:
/// after a crash, the unfinished-appointment sweep of the store; after a step that failed, a reminder registered then.
/// The order of steps keeps the invariant: a new slot is held before the old one is let go.
/// </summary>
public sealed partial class AppointmentGrain(
    [PersistentState(ClinicStorage.Appointment, ClinicStorage.ProviderName)] IPersistentState<AppointmentState> state,
    IClock clock,
    BookingMetrics metrics,
    ILogger<AppointmentGrain> logger) : Grain, IAppointmentGrain, IRemindable
{
    private const string ResumeReminder = "resume-saga";
    private const string Reassigned = "reassigned";

    private AppointmentState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Pending is not null || S.SlotsToRelease.Count > 0)
        {
            try
            {
                await Resume();
            }
            catch (Exception ex) when (ex is not InconsistentStateException)
            {
                // The appointment stays usable meanwhile.
                LogResumeFailed(ex, Id);
                await RemindToResume();
            }
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Resume();
        if (S.Pending is null && S.SlotsToRelease.Count == 0 && await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <inheritdoc />
    public Task Finish() => Saga(async () =>
    {
        await Resume();
        return true;
    });

    /// <inheritdoc />
    public Task<AppointmentView?> Get() => Task.FromResult(S.Status == AppointmentStatus.None ? null : View());

    /// <inheritdoc />
    public async Task<AppointmentResult> Book(BookAppointment booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await Resume();
        if (S.Status != AppointmentStatus.None)
        {
            var same = S.DoctorId == booking.DoctorId && S.PatientId == booking.PatientId && S.Slot!.Start == booking.Start;
            return same ? AppointmentResult.Ok(View()) : AppointmentResult.Fail(AppointmentError.AlreadyExists, View());
        }

        var doctor = await Doctor(booking.DoctorId).Get();
        if (doctor is null)
        {
            return AppointmentResult.Fail(AppointmentError.DoctorNotFound);
        }

        if (await Patient(booking.PatientId).Get() is null)
        {
            return AppointmentResult.Fail(AppointmentError.PatientNotFound);
        }

        var target = new SlotRef(doctor.Id, LocalDateOf(booking.Start, doctor), booking.Start);

        // A cheap read first, so the common refusal (slot just taken) costs no writes.
        var check = await Schedule(target).Check(target.Start);
        if (check != BookingRejection.None)
        {
            metrics.Refused(ToError(check));
            return AppointmentResult.Fail(ToError(check));
        }

        S.Pending = new PendingMove(PendingKind.Book, target, booking.PatientId, booking.Reason);
        await this.SaveAsync(state);
        return await Saga(() => ContinueBook(S.Pending));
    }

    /// <inheritdoc />
    public async Task<AppointmentResult> Reschedule(Instant start, string? doctorId)
    {
        await Resume();
        if (S.Status == AppointmentStatus.None)
        {
            return AppointmentResult.Fail(AppointmentError.NotFound);
        }

        if (!AppointmentLifecycle.CanReschedule(S.Status))
        {
            return AppointmentResult.Fail(AppointmentError.InvalidTransition, View());
        }

        var doctor = await Doctor(doctorId ?? S.DoctorId!).Get();
        if (doctor is null)
        {
            return AppointmentResult.Fail(AppointmentError.DoctorNotFound, View());
        }

        if (doctor.Id == S.DoctorId && start == S.Slot!.Start)
        {
            return AppointmentResult.Ok(View());
        }

        var target = new SlotRef(doctor.Id, LocalDateOf(start, doctor), start);
        var check = await Schedule(target).Check(start);
        if (check != BookingRejection.None)
        {
            return AppointmentResult.Fail(ToError(check), View());
        }

        S.Pending = new PendingMove(PendingKind.Reschedule, target, S.PatientId!, S.Reason);
        await this.SaveAsync(state);
        return await Saga(() => ContinueReschedule(S.Pending));
    }

    /// <inheritdoc />
    public async Task<AppointmentResult> Cancel(string? reason)
    {
        await Resume();
        if (S.Status == AppointmentStatus.None)
        {
            return AppointmentResult.Fail(AppointmentError.NotFound);
        }

        if (S.Status == AppointmentStatus.Cancelled)
        {
            return AppointmentResult.Ok(View());
        }

        if (!AppointmentLifecycle.CanMove(S.Status, AppointmentStatus.Cancelled))
        {
            return AppointmentResult.Fail(AppointmentError.InvalidTransition, View());
        }

        S.Status = AppointmentStatus.Cancelled;
        S.SlotsToRelease.Add(S.Slot!);
        Record("cancelled", "appointment.cancelled", reason);
        await this.SaveAsync(state);
        return await Saga(async () =>
        {
            await ReleaseGivenUpSlots();
            return AppointmentResult.Ok(View());
        });
    }

    /// <inheritdoc />
    public async Task<AppointmentResult> Reassign(string doctorId, string workflowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(doctorId);
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        await Resume();
        if (S.Status == AppointmentStatus.None)
        {
            return AppointmentResult.Fail(AppointmentError.NotFound);
        }

        // One workflow moves an appointment once: a repeated step, or the next candidate tried after an attempt whose
        // answer was lost, finds it already moved (to whichever doctor) and changes nothing.
        if (S.History.Any(h => h.Action == Reassigned && h.Note == workflowId))
        {
            return AppointmentResult.Ok(View());
        }

        if (!AppointmentLifecycle.CanReschedule(S.Status))
        {
            return AppointmentResult.Fail(AppointmentError.InvalidTransition, View());
        }

        var doctor = await Doctor(doctorId).Get();
        if (doctor is null)
        {
            return AppointmentResult.Fail(AppointmentError.DoctorNotFound, View());
        }

        // Same time, another doctor: never a cancellation. The new slot is held before the old one is let go.
        var target = new SlotRef(doctor.Id, LocalDateOf(S.Slot!.Start, doctor), S.Slot.Start);
        var check = await Schedule(target).Check(target.Start);
        if (check != BookingRejection.None)
        {
            return AppointmentResult.Fail(ToError(check), View());
        }

        S.Pending = new PendingMove(PendingKind.Reassign, target, S.PatientId!, S.Reason, workflowId);
        await this.SaveAsync(state);
        return await Saga(() => ContinueReschedule(S.Pending));
    }

    /// <inheritdoc />
    public async Task<AppointmentResult> FlagNeedsAttention(string workflowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        await Resume();
        if (S.Status == AppointmentStatus.None)
        {
            return AppointmentResult.Fail(AppointmentError.NotFound);
        }

        if (S.Status == AppointmentStatus.NeedsAttention)
        {
            return AppointmentResult.Ok(View());
        }

        if (!AppointmentLifecycle.CanMove(S.Status, AppointmentStatus.NeedsAttention))
        {
            return AppointmentResult.Fail(AppointmentError.InvalidTransition, View());
        }

        S.Status = AppointmentStatus.NeedsAttention;
        Record("needs_attention", "appointment.needs_attention", workflowId);
        await this.SaveAsync(state);
        return AppointmentResult.Ok(View());
    }

    /// <inheritdoc />
    public Task<AppointmentResult> CheckIn() => Step(AppointmentStatus.CheckedIn, "checked_in");

    /// <inheritdoc />
    public Task<AppointmentResult> Complete() => Step(AppointmentStatus.Completed, "completed");

    /// <inheritdoc />
    public Task<AppointmentResult> MarkNoShow() => Step(AppointmentStatus.NoShow, "no_show");

    private async Task<AppointmentResult> Step(AppointmentStatus to, string action)
    {
        await Resume();
        if (S.Status == AppointmentStatus.None)
        {
            return AppointmentResult.Fail(AppointmentError.NotFound);
        }

        if (S.Status == to)
        {
            return AppointmentResult.Ok(View());
        }

        if (!AppointmentLifecycle.CanMove(S.Status, to))
        {
            return AppointmentResult.Fail(AppointmentError.InvalidTransition, View());
        }

        S.Status = to;
        Record(action, "appointment." + action, note: null);
        await this.SaveAsync(state);
        return AppointmentResult.Ok(View());
    }

    private async Task<AppointmentResult> ContinueBook(PendingMove pending)
    {
        var target = pending.Target;
        var (slot, error) = await HoldTarget(pending);
        if (error != AppointmentError.None)
        {
            metrics.Refused(error);
            return await AbandonPending(error);
        }

        S.Status = AppointmentStatus.Booked;
        S.DoctorId = target.DoctorId;
        S.PatientId = pending.PatientId;
        S.Slot = target;
        S.End = slot.End;
        S.Reason = pending.Reason;
        S.Pending = null;
        Record("booked", "appointment.booked", note: null);
        try
        {
            await this.SaveAsync(state);
        }
        catch (SlotAlreadyHeldException)
        {
            // The database saw another live appointment in this slot: undo both steps and refuse.
            await Schedule(target).Release(Id, target.Start);
            await Patient(pending.PatientId).Release(Id);
            metrics.Refused(AppointmentError.SlotTaken);
            return await AbandonPending(AppointmentError.SlotTaken);
        }

        metrics.Booked();
        return AppointmentResult.Ok(View());
    }

    private async Task<AppointmentResult> ContinueReschedule(PendingMove pending)
    {
        var target = pending.Target;
        var (slot, error) = await HoldTarget(pending);
        if (error != AppointmentError.None)
        {
            return await AbandonPending(error);
        }

        var (oldSlot, oldEnd) = (S.Slot!, S.End!.Value);
        S.SlotsToRelease.Add(oldSlot);
        S.DoctorId = target.DoctorId;
        S.Slot = target;
        S.End = slot.End;
        S.Pending = null;
        // A move books the appointment again: one that needed attention is settled by it.
        S.Status = AppointmentStatus.Booked;
        if (pending.Kind == PendingKind.Reassign)
        {
            Record(Reassigned, "appointment.reassigned", pending.WorkflowId);
        }
        else
        {
            Record("rescheduled", "appointment.rescheduled", note: null);
        }

        try
        {
            await this.SaveAsync(state);
        }
        catch (SlotAlreadyHeldException)
        {
            await Schedule(target).Release(Id, target.Start);
            await Patient(pending.PatientId).Reserve(Id, oldSlot.Start, oldEnd);
            return await AbandonPending(AppointmentError.SlotTaken);
        }

        // Only now, with the new slot durably ours, is the old one let go.
        await ReleaseGivenUpSlots();
        return AppointmentResult.Ok(View());
    }

    /// <summary>Takes the pending target's slot, then the patient's interval (both idempotent); undoes the first if the second is refused.</summary>
    private async Task<(Slot Slot, AppointmentError Error)> HoldTarget(PendingMove pending)
    {
        var target = pending.Target;
        var taken = await Schedule(target).Book(Id, target.Start);
        if (!taken.Succeeded)
        {
            return (default, ToError(taken.Rejection));
        }

        var reservation = await Patient(pending.PatientId).Reserve(Id, taken.Slot.Start, taken.Slot.End);
        if (reservation == PatientReservation.Reserved)
        {
            return (taken.Slot, AppointmentError.None);
        }

        await Schedule(target).Release(Id, target.Start);
        return (default, reservation == PatientReservation.Overlaps ? AppointmentError.PatientBusy : AppointmentError.PatientNotFound);
    }

    private async Task<AppointmentResult> AbandonPending(AppointmentError error)
    {
        S.Pending = null;
        await this.SaveAsync(state);
        return AppointmentResult.Fail(error, S.Status == AppointmentStatus.None ? null : View());
    }

    /// <summary>Finishes whatever an earlier activation left half done.</summary>
    private async Task Resume()
    {
        if (S.Pending is { } pending)
        {
            LogResuming(Id, pending.Kind);
            _ = pending.Kind == PendingKind.Book ? await ContinueBook(pending) : await ContinueReschedule(pending);
        }

        await ReleaseGivenUpSlots();
    }

    private async Task ReleaseGivenUpSlots()
    {
        if (S.SlotsToRelease.Count == 0)
        {
            return;
        }

        if (S.Status == AppointmentStatus.Cancelled)
        {
            await Patient(S.PatientId!).Release(Id);
        }

        foreach (var slot in S.SlotsToRelease)
        {
            if (!(S.HoldsSlot && slot == S.Slot))
            {
                await Schedule(slot).Release(Id, slot.Start);
            }
        }

        S.SlotsToRelease.Clear();
        await this.SaveAsync(state);
    }

    /// <summary>
    /// Runs the steps of a saga already written down. A reminder per saga would cost two writes on every booking; a crash
    /// is instead covered by the store's sweep for unfinished appointments, so only a step that fails while this
    /// activation lives on (a timeout, a store error) needs something to come back: then a reminder is registered.
    /// </summary>
    private async Task<T> Saga<T>(Func<Task<T>> steps)
    {
        try
        {
            return await steps();
        }
        catch (Exception ex) when (ex is not InconsistentStateException)
        {
            await RemindToResume();
            throw;
        }
    }

    private async Task RemindToResume()
    {
        if (S.Pending is null && S.SlotsToRelease.Count == 0)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reminder service may be failing for the same reason the step did; the sweep still finds the saga.
            LogReminderFailed(ex, Id);
        }
    }

    private void Record(string action, string eventType, string? note)
    {
        var now = clock.GetCurrentInstant();
        S.Version++;
        S.History.Add(new AppointmentHistoryEntry(action, now, ClinicRequestContext.Actor, S.DoctorId!, S.Slot!.Start, note));
        S.PendingEvents.Add(ClinicEventFactory.Create(eventType, Id, now, new
        {
            appointmentId = Id,
            doctorId = S.DoctorId,
            patientId = S.PatientId,
            start = S.Slot.Start.ToString(),
            end = S.End?.ToString(),
            status = S.Status.ToApiName(),
            version = S.Version,
        }));
    }

    private AppointmentView View() =>
        new(Id, S.DoctorId!, S.PatientId!, S.Slot!.Start, S.End!.Value, S.Status, S.Reason, S.Version, S.History.ToArray());

    private static LocalDate LocalDateOf(Instant start, DoctorProfile doctor) =>
        start.InZone(DateTimeZoneProviders.Tzdb[doctor.TimeZone]).Date;

    private static AppointmentError ToError(BookingRejection rejection) => rejection switch
    {
        BookingRejection.InPast => AppointmentError.InPast,
        BookingRejection.TooFarAhead => AppointmentError.TooFarAhead,
        BookingRejection.NotASlot => AppointmentError.NotASlot,
        BookingRejection.SlotTaken => AppointmentError.SlotTaken,
        BookingRejection.PatientBusy => AppointmentError.PatientBusy,
        BookingRejection.DoctorUnavailable => AppointmentError.DoctorUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
    };

    private IDoctorGrain Doctor(string id) => GrainFactory.GetGrain<IDoctorGrain>(id);

    private IPatientGrain Patient(string id) => GrainFactory.GetGrain<IPatientGrain>(id);

    private IDoctorScheduleGrain Schedule(SlotRef slot) =>
        GrainFactory.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(slot.DoctorId, slot.Date));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appointment {AppointmentId} could not finish its interrupted saga yet")]
    private partial void LogResumeFailed(Exception exception, string appointmentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appointment {AppointmentId} could not register the reminder to finish its saga; the unfinished-appointment sweep will")]
    private partial void LogReminderFailed(Exception exception, string appointmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Appointment {AppointmentId} resumes an interrupted {Kind} saga")]
    private partial void LogResuming(string appointmentId, PendingKind kind);
}
