using NodaTime;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Grains.Abstractions.Appointments;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>Body of <c>POST /api/v1/appointments</c>.</summary>
public sealed record BookAppointmentRequest(string? DoctorId, string? PatientId, string? Start, string? Reason);

/// <summary>Body of <c>POST /api/v1/appointments/{id}/reschedule</c>.</summary>
public sealed record RescheduleRequest(string? Start, string? DoctorId);

/// <summary>Body of <c>POST /api/v1/appointments/{id}/cancel</c>.</summary>
public sealed record CancelRequest(string? Reason);

/// <summary>An appointment as the API shows it, times in the clinic's local offset.</summary>
public sealed record AppointmentResponse(
    string Id,
    string DoctorId,
    string PatientId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    string Status,
    string? Reason,
    int Version,
    IReadOnlyList<AppointmentHistoryResponse> History)
{
    /// <summary>The API form of an appointment, shown in <paramref name="zoneId"/>.</summary>
    public static AppointmentResponse From(AppointmentView view, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(view);
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        return new(view.Id, view.DoctorId, view.PatientId, Local(view.Start, zone), Local(view.End, zone), zoneId,
            view.Status.ToApiName(), view.Reason, view.Version,
            [.. view.History.Select(h => new AppointmentHistoryResponse(h.Action, Local(h.At, zone), h.Actor, h.DoctorId, Local(h.Start, zone), h.Note))]);
    }

    /// <summary>An instant in the clinic's local offset.</summary>
    public static DateTimeOffset Local(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToDateTimeOffset();
}

/// <summary>One step of an appointment's history.</summary>
public sealed record AppointmentHistoryResponse(string Action, DateTimeOffset At, string Actor, string DoctorId, DateTimeOffset Start, string? Note);
