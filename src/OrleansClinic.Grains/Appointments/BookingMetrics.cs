using System.Diagnostics.Metrics;
using OrleansClinic.Grains.Abstractions.Appointments;

namespace OrleansClinic.Grains.Appointments;

/// <summary>
/// Bookings on the <c>OrleansClinic.Grains</c> meter, counted by the appointment grain where they happen (whatever asked
/// for them). No tag names a patient or a doctor.
/// </summary>
public sealed class BookingMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Grains";

    /// <summary>Counter: appointments booked (a repeated request for the same booking counts once).</summary>
    public const string BookingsName = "clinic.bookings";

    /// <summary>Counter: bookings refused because the slot, or the patient's time, was already taken.</summary>
    public const string ConflictsName = "clinic.booking_conflicts";

    /// <summary>The tag saying what was taken: <c>slot_taken</c> or <c>patient_busy</c>.</summary>
    public const string ReasonTag = "clinic.conflict_reason";

    private readonly Counter<long> bookings;
    private readonly Counter<long> conflicts;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, which owns and disposes it.</summary>
    public BookingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        bookings = meter.CreateCounter<long>(BookingsName, unit: "{appointment}", description: "Appointments booked.");
        conflicts = meter.CreateCounter<long>(ConflictsName, unit: "{attempt}", description: "Bookings refused because the slot or the patient's time was taken.");
    }

    internal void Booked() => bookings.Add(1);

    /// <summary>Counts <paramref name="error"/> when it is a conflict; other refusals (bad input, unknown ids) are not.</summary>
    internal void Refused(AppointmentError error)
    {
        var reason = error switch
        {
            AppointmentError.SlotTaken => "slot_taken",
            AppointmentError.PatientBusy => "patient_busy",
            _ => null,
        };
        if (reason is not null)
        {
            conflicts.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
        }
    }
}
