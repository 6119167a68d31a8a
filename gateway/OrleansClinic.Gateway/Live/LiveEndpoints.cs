using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Endpoints;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Live;

/// <summary>The Server-Sent Events endpoints of the API's "Live updates".</summary>
public static class LiveEndpoints
{
    /// <summary>The header browsers send on reconnect with the last id they received.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>The query parameter standing in for <see cref="LastEventIdHeader"/> for clients that cannot set headers.</summary>
    public const string LastEventIdQuery = "lastEventId";

    /// <summary>Maps the three live streams.</summary>
    public static RouteGroupBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/v1").WithTags("Live");
        live.MapGet("/doctors/{id}/schedule/events", DoctorSchedule);
        live.MapGet("/patients/{id}/appointments/events", PatientAppointments);
        live.MapGet("/clinic/events", Clinic);
        return live;
    }

    private static async Task<Results<LiveEventsResult, ProblemHttpResult>> DoctorSchedule(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        if (ReadLastEventId(http.Request) is not { IsValid: true } last)
        {
            return BadLastEventId();
        }

        // Only known ids get a subscription, so that made-up ids cannot pile up subscriptions in the hub.
        return await clinic.Doctor(id) is null ? Problems.NotFound("doctor") : new LiveEventsResult(LiveStream.Doctor(id), last.Id);
    }

    private static async Task<Results<LiveEventsResult, ProblemHttpResult>> PatientAppointments(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!(caller.IsStaff || caller.IsPatient(id)))
        {
            return Problems.Forbidden();
        }

        if (ReadLastEventId(http.Request) is not { IsValid: true } last)
        {
            return BadLastEventId();
        }

        return await clinic.Grains.GetGrain<IPatientGrain>(id).Get() is null
            ? Problems.NotFound("patient")
            : new LiveEventsResult(LiveStream.PatientAppointments(id), last.Id);
    }

    private static Results<LiveEventsResult, ProblemHttpResult> Clinic(HttpContext http)
    {
        if (!Caller.From(http.User).IsStaff)
        {
            return Problems.Forbidden();
        }

        return ReadLastEventId(http.Request) is { IsValid: true } last ? new LiveEventsResult(LiveStream.Clinic, last.Id) : BadLastEventId();
    }

    private static LastEventId ReadLastEventId(HttpRequest request)
    {
        var values = request.Headers[LastEventIdHeader];
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(values[0])))
        {
            values = request.Query[LastEventIdQuery];
        }

        // Browsers send an empty id as no header at all; an empty value is treated the same.
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(values[0])))
        {
            return new LastEventId(true, null);
        }

        return values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new LastEventId(true, id)
            : new LastEventId(false, null);
    }

    private static ProblemHttpResult BadLastEventId() =>
        Problems.Create(
            StatusCodes.Status400BadRequest,
            "last-event-id",
            "The Last-Event-ID is not valid.",
            $"{LastEventIdHeader} (or the {LastEventIdQuery} query parameter) must be an id this stream sent: a non-negative integer.");

    private readonly record struct LastEventId(bool IsValid, long? Id);
}
