using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/patients</c>: registration, personal details (read and corrected through the PII vault) and appointments.</summary>
public static class PatientsEndpoints
{
    /// <summary>Widest range a patient's appointment list may cover.</summary>
    public static readonly Duration MaxListRange = Duration.FromDays(400);

    /// <summary>Maps the patient resource.</summary>
    public static RouteGroupBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/v1/patients").WithTags("Patients");
        patients.MapPost("/", Register).WithMetadata(new IdempotentAttribute());
        patients.MapGet("/{id}", Read);
        patients.MapPatch("/{id}", Correct).Accepts<JsonElement>("application/merge-patch+json", "application/json");
        patients.MapGet("/{id}/appointments", Appointments);
        return patients;
    }

    /// <summary>Header in which an admin states why they read a patient's details; written to the access log.</summary>
    public const string AccessReasonHeader = "X-Access-Reason";

    private static async Task<Results<Created<PatientCreatedResponse>, Ok<PatientCreatedResponse>, ProblemHttpResult>> Register(
        RegisterPatientRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!(caller.Is(ClinicRoles.Patient) || caller.Is(ClinicRoles.Receptionist)))
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        if (new PersonalDetailsReader(reader, LatestToday(clinic.Clock)).Registration(request) is not { } details)
        {
            return Problems.Validation(reader.Errors);
        }

        // A patient registers themself under their sign-in subject; staff register walk-ins under an id made from the
        // request's Idempotency-Key, so a retried registration finds the patient it made instead of making a second.
        var self = caller.Is(ClinicRoles.Patient);
        var id = self ? caller.Id : "p-" + IdempotencyKeys.OperationId(http);
        var patient = clinic.Grains.GetGrain<IPatientGrain>(id);
        var existed = await patient.Get() is not null;
        var by = new DetailsAccess(caller.Id, self ? ClinicRoles.Patient : ClinicRoles.Receptionist, "registration");
        if (await patient.Register(details, by) is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "already-registered", "Already registered",
                "This patient is registered with other details; change them with PATCH /api/v1/patients/{id}.");
        }

        var body = new PatientCreatedResponse(id);
        return existed ? TypedResults.Ok(body) : TypedResults.Created($"/api/v1/patients/{id}", body);
    }

    private static async Task<Results<Ok<PatientResponse>, ProblemHttpResult>> Read(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        if (await Access(id, http, clinic, forCorrection: false) is not { } by)
        {
            return Problems.Forbidden();
        }

        var patient = clinic.Grains.GetGrain<IPatientGrain>(id);
        if (await patient.Get() is not { } profile || await patient.ReadDetails(by) is not { } details)
        {
            return Problems.NotFound("patient");
        }

        return TypedResults.Ok(Present(profile, details));
    }

    private static async Task<Results<Ok<PatientCorrectedResponse>, ProblemHttpResult>> Correct(
        string id, JsonElement patch, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        if (await Access(id, http, clinic, forCorrection: true) is not { } by)
        {
            return Problems.Forbidden();
        }

        var patient = clinic.Grains.GetGrain<IPatientGrain>(id);
        if (await patient.ReadDetails(by) is not { } current)
        {
            return Problems.NotFound("patient");
        }

        var reader = new FieldReader();
        if (new PersonalDetailsReader(reader, LatestToday(clinic.Clock)).Correction(patch, current) is not { } corrected)
        {
            return Problems.Validation(reader.Errors);
        }

        return await patient.CorrectDetails(corrected, by) is { } changed
            ? TypedResults.Ok(new PatientCorrectedResponse(id, changed))
            : Problems.NotFound("patient");
    }

    /// <summary>
    /// Who may see or correct this patient's details, and the purpose their access is logged under; null when they may
    /// not. Decided before anything about the patient is revealed, so a refusal never says whether they exist.
    /// </summary>
    private static async Task<DetailsAccess?> Access(string id, HttpContext http, ClinicServices clinic, bool forCorrection)
    {
        var caller = Caller.From(http.User);
        if (caller.IsPatient(id))
        {
            return new DetailsAccess(caller.Id, ClinicRoles.Patient, "self-service");
        }

        var stated = StatedReason(http);
        if (caller.Is(ClinicRoles.Receptionist))
        {
            return new DetailsAccess(caller.Id, ClinicRoles.Receptionist, stated ?? "front desk");
        }

        if (caller.Is(ClinicRoles.PracticeManager))
        {
            return new DetailsAccess(caller.Id, ClinicRoles.PracticeManager, stated ?? "practice administration");
        }

        // A doctor sees the details of their own patients (an appointment with them), and corrects none.
        if (!forCorrection && caller.Is(ClinicRoles.Doctor) && await IsPatientOf(id, caller.Id, clinic))
        {
            return new DetailsAccess(caller.Id, ClinicRoles.Doctor, stated ?? "clinical care");
        }

        // Admins manage the system, not patients: they read details only with a stated reason, and never correct them.
        if (!forCorrection && caller.Is(ClinicRoles.Admin) && stated is not null)
        {
            return new DetailsAccess(caller.Id, ClinicRoles.Admin, stated);
        }

        return null;
    }

    /// <summary>The caller's <see cref="AccessReasonHeader"/>, or null when absent, blank or longer than the access log takes.</summary>
    internal static string? StatedReason(HttpContext http)
    {
        var reason = http.Request.Headers[AccessReasonHeader].ToString().Trim();
        return reason.Length is > 0 and <= Privacy.PiiAccess.MaxPurposeLength ? reason : null;
    }

    private static async Task<bool> IsPatientOf(string patientId, string doctorId, ClinicServices clinic)
    {
        var appointments = await clinic.Grains.GetGrain<IPatientGrain>(patientId).FindAppointments(Instant.MinValue, Instant.MaxValue);
        return (await clinic.Appointments(appointments)).Any(a => a.DoctorId == doctorId);
    }

    /// <summary>The API form of a patient's profile and details.</summary>
    internal static PatientResponse Present(PatientProfile profile, PersonalDetails details) => new(
        profile.Id, Format(profile.RegisteredAt), details.GivenNames, details.FamilyName, NodaTime.Text.LocalDatePattern.Iso.Format(details.DateOfBirth),
        details.Email, details.Phone, details.MedicareNumber, details.Ihi);

    /// <summary>The latest date it is anywhere (UTC+14), so no one born today, wherever they are, is refused.</summary>
    private static LocalDate LatestToday(IClock clock) => clock.GetCurrentInstant().Plus(Duration.FromHours(14)).InUtc().Date;

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
