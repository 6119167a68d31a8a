using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/patients</c>: a patient's appointments.</summary>
public static class PatientsEndpoints
{
    /// <summary>Widest range a patient's appointment list may cover.</summary>
    public static readonly Duration MaxListRange = Duration.FromDays(400);

    /// <summary>Maps the patient resource.</summary>
    public static RouteGroupBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/v1/patients").WithTags("Patients");
        patients.MapGet("/{id}/appointments", Appointments);
        return patients;
    }

    private static async Task<Results<Ok<AppointmentResponse[]>, ProblemHttpResult>> Appointments(
        string id, string? from, string? to, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!(caller.IsStaff || caller.IsPatient(id)))
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        var now = clinic.Clock.GetCurrentInstant();
        if (QueryRange.Read(reader, from ?? Format(now - Duration.FromDays(30)), to ?? Format(now + Duration.FromDays(365)), MaxListRange) is not { } range)
        {
            return Problems.Validation(reader.Errors);
        }

        var patient = clinic.Grains.GetGrain<IPatientGrain>(id);
        if (await patient.Get() is null)
        {
            return Problems.NotFound("patient");
        }

        var views = await clinic.Appointments(await patient.FindAppointments(range.From, range.To));
        return TypedResults.Ok((await clinic.Present(views)).ToArray());
    }

    private static string Format(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);
}
