using NodaTime;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// What a run of a doctor's schedule days holds: the appointments booked there, and the slots taken for something still
/// in flight (a hold, or the new slot of a move that has not finished), which no appointment shows yet.
/// </summary>
public sealed record DoctorDays(IReadOnlyList<AppointmentView> Appointments, IReadOnlyList<HeldSlot> Held)
{
    /// <summary>The most days one read may cover: a week.</summary>
    public const int MaxDays = 7;

    /// <summary>Reads <paramref name="count"/> days of <paramref name="doctorId"/>'s schedule from <paramref name="first"/>.</summary>
    public static async Task<DoctorDays> Read(ClinicServices clinic, string doctorId, LocalDate first, int count)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var perDay = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => clinic.Grains.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctorId, first.PlusDays(i))).GetBookings()));
        var bookings = perDay.SelectMany(b => b).ToList();
        var views = (await clinic.Appointments(bookings.Where(b => !b.IsHold).Select(b => b.AppointmentId).Distinct(StringComparer.Ordinal)))
            .ToDictionary(v => v.Id, StringComparer.Ordinal);
        return Split(doctorId, bookings, views);
    }

    /// <summary>
    /// A booking shows its appointment only where the appointment says it is. During a move the appointment takes its
    /// new slot before it lets the old one go, so for a moment it has two; the one it has not moved to yet is held.
    /// </summary>
    public static DoctorDays Split(string doctorId, IEnumerable<SlotBooking> bookings, IReadOnlyDictionary<string, AppointmentView> views)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(views);
        var appointments = new List<AppointmentView>();
        var held = new List<HeldSlot>();
        foreach (var booking in bookings.OrderBy(b => b.Start))
        {
            if (!booking.IsHold && views.TryGetValue(booking.AppointmentId, out var view) && view.DoctorId == doctorId && view.Start == booking.Start)
            {
                appointments.Add(view);
            }
            else
            {
                held.Add(new HeldSlot(booking.Start, booking.End, booking.IsHold ? HeldSlot.Hold : HeldSlot.Move));
            }
        }

        return new DoctorDays(appointments, held);
    }
}

/// <summary>A slot taken for something not finished: <see cref="Hold"/> (a short hold) or <see cref="Move"/> (a move's new slot).</summary>
public sealed record HeldSlot(Instant Start, Instant End, string Why)
{
    /// <summary>A hold placed on the slot that lapses unless it is booked.</summary>
    public const string Hold = "hold";

    /// <summary>The new slot of an appointment that is moving and has not let its old one go.</summary>
    public const string Move = "move";
}
