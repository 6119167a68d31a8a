using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace OrleansClinic.Notifications;

/// <summary>What an appointment event tells a patient: which kind of notice, for which appointment version and time.</summary>
/// <param name="Kind">confirmation, rescheduled, cancelled or reassigned.</param>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="Version">The appointment's version after the change; a notice belongs to one version.</param>
/// <param name="DoctorId">The doctor the appointment is with after the change.</param>
/// <param name="Start">Its start after the change.</param>
public sealed record AppointmentNotice(string Kind, string AppointmentId, int Version, string DoctorId, Instant Start)
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["appointment.booked"] = "confirmation",
        ["appointment.rescheduled"] = "rescheduled",
        ["appointment.cancelled"] = "cancelled",
        ["appointment.reassigned"] = "reassigned",
        ["appointment.needs_attention"] = NeedsAttentionKind,
    };

    /// <summary>The notice an outbox envelope calls for, or null when the event tells the patient nothing.</summary>
    public static AppointmentNotice? From(string eventType, string envelopeJson)
    {
        if (!Kinds.TryGetValue(eventType, out var kind))
        {
            return null;
        }

        using var envelope = JsonDocument.Parse(envelopeJson);
        if (!envelope.RootElement.TryGetProperty("payload", out var payload)
            || payload.GetProperty("start").GetString() is not { } start
            || !InstantPattern.ExtendedIso.Parse(start).TryGetValue(default, out var at))
        {
            return null;
        }

        return new AppointmentNotice(kind, payload.GetProperty("appointmentId").GetString()!, payload.GetProperty("version").GetInt32(),
            payload.GetProperty("doctorId").GetString()!, at);
    }

    /// <summary>The notice to staff that an appointment could not be moved when its doctor became unavailable.</summary>
    public const string NeedsAttentionKind = "needs_attention";

    /// <summary>True for the notice that goes to the clinic's staff, not the patient.</summary>
    public bool ForStaff => Kind == NeedsAttentionKind;

    /// <summary>Kind prefix of a reminder; the rest is the ISO period before the start, e.g. <c>reminder-P1D</c>.</summary>
    public const string ReminderKind = "reminder-";

    /// <summary>The reminder <paramref name="before"/> the start of an appointment's <paramref name="version"/>.</summary>
    public static AppointmentNotice Reminder(string appointmentId, int version, string doctorId, Instant start, Period before) =>
        new(ReminderKind + PeriodPattern.NormalizingIso.Format(before), appointmentId, version, doctorId, start);

    /// <summary>True for the notices that leave the appointment booked, which reminders then follow.</summary>
    public bool KeepsAppointment => Kind is "confirmation" or "rescheduled" or "reassigned";

    /// <summary>The dedupe key of this notice on <paramref name="channel"/>.</summary>
    public string Key(string channel) => $"{AppointmentId}:{Kind}:{Version}:{channel}";

    /// <summary>The subject line (email) of the notice.</summary>
    public string Subject => Kind switch
    {
        "confirmation" => "Your appointment is confirmed",
        "rescheduled" => "Your appointment has moved",
        "cancelled" => "Your appointment is cancelled",
        "reassigned" => "Your appointment has a new doctor",
        NeedsAttentionKind => "An appointment needs attention",
        _ => "Appointment reminder",
    };

    /// <summary>The text, with the time in the doctor's zone; it names the doctor, never the patient.</summary>
    public string Text(string doctorName, string timeZone)
    {
        var local = Start.InZone(DateTimeZoneProviders.Tzdb[timeZone]).ToDateTimeUnspecified()
            .ToString("dddd d MMMM yyyy 'at' h:mm tt", CultureInfo.InvariantCulture);
        return Kind switch
        {
            "confirmation" => $"Your appointment with {doctorName} on {local} is confirmed.",
            "rescheduled" => $"Your appointment is now with {doctorName} on {local}.",
            "cancelled" => $"Your appointment with {doctorName} on {local} has been cancelled.",
            "reassigned" => $"Your doctor is unavailable, so your appointment on {local} is now with {doctorName}, at the same time.",
            NeedsAttentionKind => $"Appointment {AppointmentId} with {doctorName} on {local} needs attention: {doctorName} is unavailable and no colleague was free at that time. Alternatives are listed with the reassignment.",
            _ => $"Reminder: your appointment with {doctorName} is on {local}.",
        };
    }
}
