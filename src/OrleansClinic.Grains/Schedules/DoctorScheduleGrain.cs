using Microsoft.Extensions.Logging;
using NodaTime;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Schedules;

/// <summary>
/// One doctor's day. Single-threaded and persisted before it answers, so it is the one writer of its slots; a stale
/// second activation fails its conditional write and deactivates.
/// </summary>
public sealed partial class DoctorScheduleGrain(
    [PersistentState(ClinicStorage.ScheduleDay, ClinicStorage.ProviderName)] IPersistentState<DoctorScheduleState> state,
    IClock clock,
    BookingPolicy policy,
    ILogger<DoctorScheduleGrain> logger) : Grain, IDoctorScheduleGrain
{
    private string doctorId = "";
    private LocalDate date;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (doctorId, date) = ScheduleDayKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Slot>> GetFreeSlots() => Free(await GetDoctor());

    /// <inheritdoc />
    public Task<Immutable<IReadOnlyList<Slot>>> GetFreeSlotsGiven(DoctorProfile doctor)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        if (doctor.Id != doctorId)
        {
            throw new ArgumentException($"This is {doctorId}'s schedule, not {doctor.Id}'s.", nameof(doctor));
        }

        return Task.FromResult(new Immutable<IReadOnlyList<Slot>>(Free(doctor)));
    }

    private Slot[] Free(DoctorProfile? doctor)
    {
        // Leave closes only its window (SlotsOn); an emergency closes the whole calendar until the doctor returns.
        if (doctor is null || doctor.Status == DoctorStatus.Unavailable)
        {
            return [];
        }

        var now = clock.GetCurrentInstant();
        return FreeSlots.Among(DaySlots(doctor), Claims().TakenAt(now), now + policy.MinNotice, Instant.MaxValue);
    }

    /// <inheritdoc />
    public Task<ScheduleDayClaims> GetClaims() => Task.FromResult(Claims());

    private ScheduleDayClaims Claims() =>
        new(doctorId, date, state.State.Revision, [.. state.State.Taken.Select(t => t.ToClaim())]);

    /// <inheritdoc />
    public Task<IReadOnlyList<SlotBooking>> GetBookings()
    {
        var now = clock.GetCurrentInstant();
        var bookings = state.State.Taken.Where(t => t.IsActive(now)).OrderBy(t => t.Start)
            .Select(t => new SlotBooking(t.Start, t.End, t.AppointmentId, t.HeldUntil is not null)).ToArray();
        return Task.FromResult<IReadOnlyList<SlotBooking>>(bookings);
    }

    /// <inheritdoc />
    public async Task<BookingRejection> Check(Instant start) =>
        (await Evaluate(start, clock.GetCurrentInstant(), exceptFor: null)).Rejection;

    /// <inheritdoc />
    public Task<SlotResult> Book(string appointmentId, Instant start) => Take(appointmentId, start, heldUntil: null);

    /// <inheritdoc />
    public Task<SlotResult> Hold(string holderId, Instant start, Duration ttl) =>
        Take(holderId, start, clock.GetCurrentInstant() + ttl);

    /// <inheritdoc />
    public async Task Release(string appointmentId, Instant start)
    {
        var entry = state.State.Taken.Find(t => t.Start == start && t.AppointmentId == appointmentId);
        if (entry is null)
        {
            return;
        }

        state.State.Taken.Remove(entry);
        Raise("slot.released", entry.Start, entry.End);
        await Save();
    }

    private async Task<SlotResult> Take(string appointmentId, Instant start, Instant? heldUntil)
    {
        ArgumentException.ThrowIfNullOrEmpty(appointmentId);
        var now = clock.GetCurrentInstant();
        var mine = state.State.Taken.Find(t => t.Start == start && t.AppointmentId == appointmentId);
        if (mine is not null && mine.IsActive(now))
        {
            // Repeating a booking is harmless; a booking by the holder turns its hold into the real thing.
            if (mine.HeldUntil is not null && heldUntil is null)
            {
                mine.HeldUntil = null;
                await Save();
            }

            return new SlotResult(BookingRejection.None, new Slot(mine.Start, mine.End));
        }

        var (rejection, slot) = await Evaluate(start, now, exceptFor: appointmentId);
        if (rejection != BookingRejection.None)
        {
            return new SlotResult(rejection, default);
        }

        state.State.Taken.RemoveAll(t => !t.IsActive(now) || t.AppointmentId == appointmentId && t.Start == start);
        state.State.Taken.Add(new TakenSlot { Start = slot.Start, End = slot.End, AppointmentId = appointmentId, HeldUntil = heldUntil });
        Raise(heldUntil is null ? "slot.booked" : "slot.held", slot.Start, slot.End);
        await Save();
        return new SlotResult(BookingRejection.None, slot);
    }

    // Every change is counted, stored, then sent to the date's availability for searches. One way: a booking neither
    // waits for the search's copy nor fails with it, and the copy asks again for a doctor it has not heard from.
    private async Task Save()
    {
        state.State.Revision++;
        await this.SaveAsync(state);
        try
        {
            await GrainFactory.GetGrain<IClinicDayAvailabilityGrain>(ClinicDayKey.Format(date)).Update(Claims());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The change is stored and stands; the copy asks again within its refresh period.
            LogAvailabilityUpdateFailed(ex, doctorId, date);
        }
    }

    private async Task<(BookingRejection Rejection, Slot Slot)> Evaluate(Instant start, Instant now, string? exceptFor)
    {
        var doctor = await GetDoctor();
        if (doctor is null || doctor.Status == DoctorStatus.Unavailable || doctor.Absences.Any(a => a.Overlaps(start, start + Duration.Epsilon)))
        {
            return (BookingRejection.DoctorUnavailable, default);
        }

        var rejection = BookingRules.CheckStart(start, DaySlots(doctor), now, policy, out var slot);
        if (rejection == BookingRejection.None && IsTaken(slot, now, exceptFor))
        {
            rejection = BookingRejection.SlotTaken;
        }

        return (rejection, slot);
    }

    private bool IsTaken(Slot slot, Instant now, string? exceptFor) =>
        state.State.Taken.Any(t => t.IsActive(now) && t.AppointmentId != exceptFor && slot.Overlaps(t.Start, t.End));

    // Slots inside an absence are not the doctor's to offer; one taken before the absence stays taken until moved.
    private IReadOnlyList<Slot> DaySlots(DoctorProfile doctor) => doctor.SlotsOn(date);

    private Task<DoctorProfile?> GetDoctor() => GrainFactory.GetGrain<IDoctorGrain>(doctorId).Get();

    // Schedule events carry no patient identity: anyone may watch a doctor's schedule.
    private void Raise(string type, Instant start, Instant end) =>
        state.State.PendingEvents.Add(ClinicEventFactory.Create(type, doctorId, clock.GetCurrentInstant(), new
        {
            doctorId,
            date = date.ToString("yyyy-MM-dd", null),
            start = start.ToString(),
            end = end.ToString(),
        }));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule day {DoctorId}/{Date} could not send its change to the search's day availability; it will be asked again")]
    private partial void LogAvailabilityUpdateFailed(Exception exception, string doctorId, LocalDate date);
}
