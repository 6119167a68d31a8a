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
        var view = await clinic.Grains.GetGrain<IAppointmentGrain>(id).Get();
        if (view is null)
        {
            return Problems.NotFound("appointment");
        }

        var caller = Caller.From(http.User);
        return caller.IsStaff || caller.IsPatient(view.PatientId) || caller.IsDoctor(view.DoctorId)
            ? TypedResults.Ok(await clinic.Present(view))
            : Problems.Forbidden();
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Reschedule(
        string id, RescheduleRequest request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var start = reader.Instant("start", request.Start);
        var doctorId = request.DoctorId is null ? null : reader.Text("doctorId", request.DoctorId);
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        return await Change(id, http, clinic, patientMayAct: true, g => g.Reschedule(start, doctorId));
    }

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Cancel(
        string id, CancelRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var reason = reader.OptionalText("reason", request?.Reason, 500);
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        return await Change(id, http, clinic, patientMayAct: true, g => g.Cancel(reason));
    }

    private static Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Step(
        string id, HttpContext http, ClinicServices clinic, Func<IAppointmentGrain, Task<AppointmentResult>> step) =>
        Change(id, http, clinic, patientMayAct: false, step);

    /// <summary>Checks the caller may change this appointment, applies the change and maps the outcome.</summary>
    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> Change(
        string id, HttpContext http, ClinicServices clinic, bool patientMayAct, Func<IAppointmentGrain, Task<AppointmentResult>> change)
    {
        var grain = clinic.Grains.GetGrain<IAppointmentGrain>(id);
        var view = await grain.Get();
        if (view is null)
        {
            return Problems.NotFound("appointment");
        }

        var caller = Caller.From(http.User);
        var allowed = caller.IsStaff || (patientMayAct ? caller.IsPatient(view.PatientId) : caller.IsDoctor(view.DoctorId));
        if (!allowed)
        {
            return Problems.Forbidden();
        }

        var result = await change(grain);
        return result.Succeeded ? TypedResults.Ok(await clinic.Present(result.Appointment!)) : AppointmentProblems.For(result.Error);
    }
}
