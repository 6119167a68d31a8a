using Microsoft.Extensions.Logging;
using NodaTime;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Reassignment;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Reassignments;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Reassignments;

/// <summary>
/// Works through an unavailable doctor's appointments one per timer tick, so progress reads and a cancel get in
/// between steps. Each step is saved before the next begins and every step is repeatable (the appointment grain knows
/// what this workflow already did to it), so the reminder that resumes it after a silo dies never does anything twice.
/// </summary>
public sealed partial class ReassignmentWorkflowGrain(
    [PersistentState(ClinicStorage.Reassignment, ClinicStorage.ProviderName)] IPersistentState<ReassignmentState> state,
    IClock clock,
    ILogger<ReassignmentWorkflowGrain> logger) : Grain, IReassignmentWorkflowGrain, IRemindable
{
    /// <summary>Most alternatives offered for an appointment that needs attention.</summary>
    public const int MaxAlternatives = 3;

    private const string ResumeReminder = "resume-reassignment";
    private const string NoDoctorFree = "no doctor of the same specialty and location is free at this time";
    private IGrainTimer? worker;

    private ReassignmentState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.DoctorId is not null && S.Status == ReassignmentStatus.Running)
        {
            StartWorker();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Status == ReassignmentStatus.Running && S.DoctorId is not null)
        {
            StartWorker();
        }
        else
        {
            await StopReminder();
        }
    }

    /// <inheritdoc />
    public async Task<ReassignmentView> Start(DoctorProfile doctor, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        if (S.DoctorId is not null)
        {
            return View();
        }

        var now = clock.GetCurrentInstant();
        var earliest = from > now ? from : now;
        S.Items = await AffectedAppointments(doctor, earliest, to);
        (S.DoctorId, S.Specialty, S.LocationId) = (doctor.Id, doctor.Specialty, doctor.LocationId);
        (S.From, S.To, S.Status, S.StartedAt) = (from, to, ReassignmentStatus.Running, now);
        Raise("reassignment.started", new { workflowId = Id, doctorId = doctor.Id, from = from.ToString(), to = to.ToString(), appointments = S.Items.Count });

        // The reminder first: from here on a dead silo's workflow is picked up again.
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await this.SaveAsync(state);
        LogStarted(Id, doctor.Id, S.Items.Count);
        StartWorker();
        return View();
    }

    /// <inheritdoc />
    public Task<ReassignmentView?> Get() => Task.FromResult(S.DoctorId is null ? null : View());

    /// <inheritdoc />
    public async Task<ReassignmentView?> Cancel()
    {
        if (S.DoctorId is null)
        {
            return null;
        }

        if (S.Status == ReassignmentStatus.Running)
        {
            // Calls do not interleave with a step, so the step under way has finished and been saved.
            foreach (var item in S.Items.Where(i => i.Outcome == ReassignmentOutcome.Pending))
            {
                item.Outcome = ReassignmentOutcome.NotReached;
            }

            Finish(ReassignmentStatus.Cancelled, "reassignment.cancelled");
            await this.SaveAsync(state);
            await StopReminder();
        }

        return View();
    }

    private void StartWorker() =>
        worker ??= this.RegisterGrainTimer(Step, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(5)) { Interleave = false });

    private async Task Step(CancellationToken cancellationToken)
    {
        if (S.Status != ReassignmentStatus.Running)
        {
            StopWorker();
            return;
        }

        if (S.Items.Find(i => i.Outcome == ReassignmentOutcome.Pending) is not { } item)
        {
            Finish(ReassignmentStatus.Completed, "reassignment.completed");
            await this.SaveAsync(state);
            await StopReminder();
            StopWorker();
            LogFinished(Id, S.Items.Count(i => i.Outcome == ReassignmentOutcome.Moved), S.Items.Count(i => i.Outcome == ReassignmentOutcome.NeedsAttention));
            return;
        }

        await Handle(item);
        Raise("reassignment.progress", new
        {
            workflowId = Id,
            doctorId = S.DoctorId,
            appointmentId = item.AppointmentId,
            outcome = item.Outcome.ToApiName(),
            newDoctorId = item.NewDoctorId,
        });
        await this.SaveAsync(state);
    }

    /// <summary>Moves one appointment to the best free doctor, or flags it with the nearest alternatives.</summary>
    private async Task Handle(ReassignmentItem item)
    {
        var appointment = GrainFactory.GetGrain<IAppointmentGrain>(item.AppointmentId);
        var view = await appointment.Get();
        if (view is null)
        {
            Skip(item, "the appointment no longer exists");
            return;
        }

        if (view.DoctorId != S.DoctorId)
        {
            // Either this workflow moved it before a crash, or someone else did meanwhile.
            if (view.History.Any(h => h.Action == "reassigned" && h.Note == Id))
            {
                (item.Outcome, item.NewDoctorId) = (ReassignmentOutcome.Moved, view.DoctorId);
            }
            else
            {
                Skip(item, "moved to another doctor meanwhile");
            }

            return;
        }

        if (!AppointmentLifecycle.CanReschedule(view.Status))
        {
            Skip(item, $"the appointment is {view.Status.ToApiName()}");
            return;
        }

        // Never the absent doctor's grain: it may be waiting on this workflow (a return cancels it).
        var others = (await GrainFactory.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(S.Specialty, S.LocationId))
            .Where(d => d.Id != S.DoctorId && d.Status != DoctorStatus.Unavailable).ToList();
        var seen = await DoctorsWhoSaw(view.PatientId);
        var free = new List<ReplacementCandidate>();
        foreach (var other in others)
        {
            var day = Day(other, view.Start);
            if (await day.Check(view.Start) == Domain.Booking.BookingRejection.None)
            {
                free.Add(new ReplacementCandidate(other.Id, seen.Contains(other.Id), (await day.GetBookings()).Count));
            }
        }

        foreach (var candidate in ReplacementRules.Rank(free))
        {
            // The slot may go between the check and the move: the next candidate is tried then.
            if (await appointment.Reassign(candidate.DoctorId, Id) is { Succeeded: true } moved)
            {
                (item.Outcome, item.NewDoctorId, item.Note) = (ReassignmentOutcome.Moved, moved.Appointment?.DoctorId ?? candidate.DoctorId, null);
                return;
            }
        }

        var flagged = await appointment.FlagNeedsAttention(Id);
        if (!flagged.Succeeded)
        {
            Skip(item, $"could not be flagged: {flagged.Error}");
            return;
        }

        (item.Outcome, item.Note) = (ReassignmentOutcome.NeedsAttention, NoDoctorFree);
        item.Alternatives = await Alternatives(others, view.Start);
    }

    /// <summary>The nearest free slots of suitable doctors within a day either side, for staff to offer.</summary>
    private async Task<List<AlternativeSlot>> Alternatives(IReadOnlyList<DoctorProfile> doctors, Instant start)
    {
        var slots = new List<AlternativeSlot>();
        foreach (var doctor in doctors)
        {
            var date = start.InZone(DateTimeZoneProviders.Tzdb[doctor.TimeZone]).Date;
            for (var offset = -1; offset <= 1; offset++)
            {
                var day = GrainFactory.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor.Id, date.PlusDays(offset)));
                slots.AddRange((await day.GetFreeSlots()).Select(s => new AlternativeSlot(doctor.Id, s.Start, s.End)));
            }
        }

        return [.. slots.OrderBy(s => s.Start < start ? start - s.Start : s.Start - start).ThenBy(s => s.DoctorId, StringComparer.Ordinal).Take(MaxAlternatives)];
    }

    private async Task<HashSet<string>> DoctorsWhoSaw(string patientId)
    {
        // Checked in or completed means seen, whenever it was.
        var ids = await GrainFactory.GetGrain<IPatientGrain>(patientId).FindAppointments(Instant.MinValue, Instant.MaxValue);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await GrainFactory.GetGrain<IAppointmentGrain>(id).Get() is { Status: AppointmentStatus.CheckedIn or AppointmentStatus.Completed } past)
            {
                seen.Add(past.DoctorId);
            }
        }

        return seen;
    }

    private async Task<List<ReassignmentItem>> AffectedAppointments(DoctorProfile doctor, Instant from, Instant to)
    {
        var items = new List<ReassignmentItem>();
        if (to <= from)
        {
            return items;
        }

        var zone = DateTimeZoneProviders.Tzdb[doctor.TimeZone];
        for (var date = from.InZone(zone).Date; date <= (to - Duration.Epsilon).InZone(zone).Date; date = date.PlusDays(1))
        {
            var bookings = await GrainFactory.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor.Id, date)).GetBookings();
            items.AddRange(bookings.Where(b => !b.IsHold && b.Start >= from && b.Start < to)
                .Select(b => new ReassignmentItem { AppointmentId = b.AppointmentId, Start = b.Start }));
        }

        return [.. items.DistinctBy(i => i.AppointmentId).OrderBy(i => i.Start).ThenBy(i => i.AppointmentId, StringComparer.Ordinal)];
    }

    private IDoctorScheduleGrain Day(DoctorProfile doctor, Instant start) =>
        GrainFactory.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor.Id, start.InZone(DateTimeZoneProviders.Tzdb[doctor.TimeZone]).Date));

    private static void Skip(ReassignmentItem item, string why) => (item.Outcome, item.Note) = (ReassignmentOutcome.Skipped, why);

    private void Finish(ReassignmentStatus status, string eventType)
    {
        (S.Status, S.FinishedAt) = (status, clock.GetCurrentInstant());
        Raise(eventType, new
        {
            workflowId = Id,
            doctorId = S.DoctorId,
            moved = S.Items.Count(i => i.Outcome == ReassignmentOutcome.Moved),
            needsAttention = S.Items.Count(i => i.Outcome == ReassignmentOutcome.NeedsAttention),
            skipped = S.Items.Count(i => i.Outcome == ReassignmentOutcome.Skipped),
            notReached = S.Items.Count(i => i.Outcome == ReassignmentOutcome.NotReached),
        });
    }

    private void StopWorker()
    {
        worker?.Dispose();
        worker = null;
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void Raise(string type, object payload) =>
        S.PendingEvents.Add(ClinicEventFactory.Create(type, Id, clock.GetCurrentInstant(), payload));

    private ReassignmentView View() => new(
        Id, S.DoctorId!, S.From, S.To, S.Status, S.StartedAt, S.FinishedAt,
        [.. S.Items.Select(i => new ReassignmentItemView(i.AppointmentId, i.Start, i.Outcome, i.NewDoctorId, i.Note, i.Alternatives.ToArray()))]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reassignment {WorkflowId} started for doctor {DoctorId}: {Count} appointments")]
    private partial void LogStarted(string workflowId, string doctorId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reassignment {WorkflowId} finished: {Moved} moved, {NeedsAttention} need attention")]
    private partial void LogFinished(string workflowId, int moved, int needsAttention);
}
