using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Tiering;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>A patient's rights over what the clinic holds: a copy of all of it (APP 12) and its erasure (APP 11).</summary>
public static class PatientRightsEndpoints
{
    /// <summary>Purpose logged when a patient's own export reads their details.</summary>
    public const string ExportPurpose = "access request (APP 12)";

    /// <summary>Purpose logged and written to the register of deleted records for an erasure the patient asked for.</summary>
    public const string ErasurePurpose = "erasure request";

    /// <summary>Maps <c>GET /api/v1/patients/{id}/export</c> and <c>DELETE /api/v1/patients/{id}</c>.</summary>
    public static RouteGroupBuilder MapPatientRightsApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/v1/patients").WithTags("Patients");
        patients.MapGet("/{id}/export", Export);
        patients.MapDelete("/{id}", Erase);
        return patients;
    }

    private static async Task<Results<Ok<PatientExportResponse>, ProblemHttpResult>> Export(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsPatient(id))
        {
            return Problems.Forbidden();
        }

        var patient = clinic.Grains.GetGrain<IPatientGrain>(id);
        if (await patient.Get() is not { } profile)
        {
            return Problems.NotFound("patient");
        }

        var details = await patient.ReadDetails(new DetailsAccess(caller.Id, ClinicRoles.Patient, ExportPurpose));
        var appointments = await clinic.Present(await clinic.Appointments(await patient.FindAppointments(Instant.MinValue, Instant.MaxValue)));
        var consents = await clinic.Grains.GetGrain<IPatientConsentGrain>(id).History();
        var log = await patient.DetailsAccessLog();

        // Appointments past the hot window come back from the archive; a batch in the cold tier is restored first, so
        // the answer says how many are on their way and the patient asks again later (within APP 12's 30 days).
        var archived = await clinic.Grains.GetGrain<IArchiveDeskGrain>(0).ArchivedAppointments(id);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PatientExportResponse(
            id,
            InstantPattern.ExtendedIso.Format(clinic.Clock.GetCurrentInstant()),
            InstantPattern.ExtendedIso.Format(profile.RegisteredAt),
            details is null ? null : PatientsEndpoints.Present(profile, details),
            [.. appointments],
            ConsentsEndpoints.Present(consents),
            [.. log.Select(e => new DetailsAccessResponse(
                InstantPattern.ExtendedIso.Format(e.At), e.Action, e.By.ActorId, e.By.ActorRole, e.By.Purpose, e.Fields))],
            [.. archived.Appointments.Select(a => new ArchivedAppointmentResponse(
                a.AppointmentId, a.DoctorId, Format(a.Start), Format(a.End), InstantPattern.ExtendedIso.Format(a.ArchivedAt),
                System.Text.Json.JsonDocument.Parse(a.Record).RootElement.Clone()))],
            archived.BatchesRestoring));
    }

    private static string? Format(Instant? at) => at is { } value ? InstantPattern.ExtendedIso.Format(value) : null;

    private static async Task<Results<Ok<ErasureResponse>, Accepted<ErasureResponse>, ProblemHttpResult>> Erase(
        string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        // The patient asks for themself; an admin acts on a request received another way and must say which.
        var caller = Caller.From(http.User);
        var reason = PatientsEndpoints.StatedReason(http);
        DetailsAccess by;
        if (caller.IsPatient(id))
        {
            by = new DetailsAccess(caller.Id, ClinicRoles.Patient, ErasurePurpose);
        }
        else if (caller.Is(ClinicRoles.Admin) && reason is not null)
        {
            by = new DetailsAccess(caller.Id, ClinicRoles.Admin, reason);
        }
        else
        {
            return Problems.Forbidden();
        }

        if (await clinic.Grains.GetGrain<IErasureRequestGrain>(id).Request(by) is not { } outcome)
        {
            return Problems.NotFound("patient");
        }

        var body = new ErasureResponse(
            id,
            InstantPattern.ExtendedIso.Format(outcome.RequestedAt),
            outcome.Complete,
            outcome.ErasedNow,
            outcome.RestErasedOn is { } on ? LocalDatePattern.Iso.Format(on) : null,
            outcome.CancelledAppointments);
        return outcome.Complete ? TypedResults.Ok(body) : TypedResults.Accepted((string?)null, body);
    }
}
