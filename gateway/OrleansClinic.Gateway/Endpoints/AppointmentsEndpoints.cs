using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Appointments;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/appointments</c>: book, read, reschedule, cancel and the lifecycle steps.</summary>
public static class AppointmentsEndpoints
{
    // Who books besides a patient for themself (API.md): the front desk; admins manage the clinic but do not book.
    private static readonly string[] BookingStaff = [ClinicRoles.Receptionist, ClinicRoles.PracticeManager];

    /// <summary>Maps the appointment resource.</summary>
    public static RouteGroupBuilder MapAppointmentsApi(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup("/api/v1/appointments").WithTags("Appointments");
        appointments.MapPost("/", Book).WithMetadata(new IdempotentAttribute())
            .RequireAuthorization(p => p.RequireRole([ClinicRoles.Patient, .. BookingStaff]));
        appointments.MapGet("/{id}", Get);
        appointments.MapPost("/{id}/reschedule", Reschedule).WithMetadata(new IdempotentAttribute());
        appointments.MapPost("/{id}/cancel", Cancel).WithMetadata(new IdempotentAttribute());
        appointments.MapPost("/{id}/check-in", (string id, HttpContext http, [AsParameters] ClinicServices clinic) =>
            Step(id, http, clinic, g => g.CheckIn()));
        appointments.MapPost("/{id}/complete", (string id, HttpContext http, [AsParameters] ClinicServices clinic) =>
            Step(id, http, clinic, g => g.Complete()));
        appointments.MapPost("/{id}/no-show", (string id, HttpContext http, [AsParameters] ClinicServices clinic) =>
            Step(id, http, clinic, g => g.MarkNoShow()));
        return appointments;
    }

    private static async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> Book(
        BookAppointmentRequest request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var booking = new BookAppointment(
            reader.Text("doctorId", request.DoctorId),
            reader.Text("patientId", request.PatientId, 128),
            reader.Instant("start", request.Start),
            reader.OptionalText("reason", request.Reason, 500));
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var caller = Caller.From(http.User);
        if (!(caller.IsPatient(booking.PatientId) || BookingStaff.Any(caller.Is)))
        {
            return Problems.Forbidden();
        }

        var id = "a-" + IdempotencyKeys.OperationId(http);
        var result = await clinic.Grains.GetGrain<IAppointmentGrain>(id).Book(booking);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/appointments/{id}", await clinic.Present(result.Appointment!))
            : AppointmentProblems.For(result.Error);
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Get(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var (_, view, refusal) = await Find(id, http, clinic, (caller, v) => caller.IsPatient(v.PatientId) || caller.IsDoctor(v.DoctorId));
        return refusal ?? (Results<Ok<AppointmentResponse>, ProblemHttpResult>)TypedResults.Ok(await clinic.Present(view!));
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Reschedule(
        string id, RescheduleRequest request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var (grain, _, refusal) = await Find(id, http, clinic, TheirPatient);
        if (refusal is not null)
        {
            return refusal;
        }

        var reader = new FieldReader();
        var start = reader.Instant("start", request.Start);
        var doctorId = request.DoctorId is null ? null : reader.Text("doctorId", request.DoctorId);
        return reader.IsValid ? await Apply(grain, clinic, g => g.Reschedule(start, doctorId)) : Problems.Validation(reader.Errors);
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Cancel(
        string id, CancelRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var (grain, _, refusal) = await Find(id, http, clinic, TheirPatient);
        if (refusal is not null)
        {
            return refusal;
        }

        var reader = new FieldReader();
        var reason = reader.OptionalText("reason", request?.Reason, 500);
        return reader.IsValid ? await Apply(grain, clinic, g => g.Cancel(reason)) : Problems.Validation(reader.Errors);
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Step(
        string id, HttpContext http, ClinicServices clinic, Func<IAppointmentGrain, Task<AppointmentResult>> step)
    {
        var (grain, _, refusal) = await Find(id, http, clinic, (caller, v) => caller.IsDoctor(v.DoctorId));
        return refusal ?? await Apply(grain, clinic, step);
    }

    private static bool TheirPatient(Caller caller, AppointmentView view) => caller.IsPatient(view.PatientId);

    /// <summary>
    /// The appointment and whether the caller may act on it: staff always, others when <paramref name="owns"/> says so.
    /// Staff get 404 for an unknown id; anyone else gets 403 for an unknown id and for another's alike, so probing ids
    /// tells them nothing.
    /// </summary>
    private static async Task<(IAppointmentGrain Grain, AppointmentView? View, ProblemHttpResult? Refusal)> Find(
        string id, HttpContext http, ClinicServices clinic, Func<Caller, AppointmentView, bool> owns)
    {
        var grain = clinic.Grains.GetGrain<IAppointmentGrain>(id);
        var view = await grain.Get();
        var caller = Caller.From(http.User);
        if (caller.IsStaff)
        {
            return (grain, view, view is null ? Problems.NotFound("appointment") : null);
        }

        return (grain, view, view is not null && owns(caller, view) ? null : Problems.Forbidden());
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Apply(
        IAppointmentGrain grain, ClinicServices clinic, Func<IAppointmentGrain, Task<AppointmentResult>> change)
    {
        var result = await change(grain);
        return result.Succeeded ? TypedResults.Ok(await clinic.Present(result.Appointment!)) : AppointmentProblems.For(result.Error);
    }
}
