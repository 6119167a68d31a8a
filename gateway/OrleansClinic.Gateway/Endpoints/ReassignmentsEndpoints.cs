using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Reassignments;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// A doctor's absence and the reassignment of their appointments: <c>POST /api/v1/doctors/{id}/unavailability</c>,
/// <c>POST /api/v1/doctors/{id}/return</c> and <c>GET /api/v1/reassignments/{id}</c>.
/// </summary>
public static class ReassignmentsEndpoints
{
    /// <summary>Longest absence one request may declare.</summary>
    public static readonly Duration MaxAbsence = Duration.FromDays(92);

    /// <summary>Maps the absence and reassignment endpoints.</summary>
    public static IEndpointRouteBuilder MapReassignmentsApi(this IEndpointRouteBuilder app)
    {
        var doctors = app.MapGroup("/api/v1/doctors").WithTags("Doctors");
        doctors.MapPost("/{id}/unavailability", MarkUnavailable).WithMetadata(new IdempotentAttribute());
        doctors.MapPost("/{id}/return", Return);
        app.MapGroup("/api/v1/reassignments").WithTags("Reassignments").MapGet("/{id}", Get);
        return app;
    }

    private static async Task<Results<Accepted<ReassignmentResponse>, ProblemHttpResult>> MarkUnavailable(
        string id, UnavailabilityRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        if (!MayManageAbsence(Caller.From(http.User), id))
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        var from = reader.Instant("from", request?.From);
        var to = reader.Instant("to", request?.To);
        var reason = reader.OptionalText("reason", request?.Reason, 200);
        var now = clinic.Clock.GetCurrentInstant();
        var kind = request?.Kind switch
        {
            null => from <= now ? AbsenceKind.Emergency : AbsenceKind.Planned,
            "emergency" => AbsenceKind.Emergency,
            "planned" => AbsenceKind.Planned,
            _ => Fail(reader, "kind", "must be emergency or planned"),
        };
        if (reader.IsValid && to <= from)
        {
            reader.Fail("to", "must be after from");
        }
        else if (reader.IsValid && to <= now)
        {
            reader.Fail("to", "must be in the future");
        }
        else if (reader.IsValid && to - from > MaxAbsence)
        {
            reader.Fail("to", $"an absence may last at most {MaxAbsence.Days} days");
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        // The workflow id comes from the Idempotency-Key, so a retried request finds the workflow it started.
        var absence = new DoctorAbsence(from, to, kind, reason, "r-" + IdempotencyKeys.OperationId(http));
        if (await clinic.Grains.GetGrain<IDoctorGrain>(id).MarkUnavailable(absence) is not { } workflow)
        {
            return Problems.NotFound("doctor");
        }

        return TypedResults.Accepted($"/api/v1/reassignments/{workflow.Id}", await Present(workflow, clinic));
    }

    private static async Task<Results<Ok<DoctorResponse>, ProblemHttpResult>> Return(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        if (!MayManageAbsence(Caller.From(http.User), id))
        {
            return Problems.Forbidden();
        }

        return await clinic.Grains.GetGrain<IDoctorGrain>(id).Return() is { } doctor
            ? TypedResults.Ok(DoctorResponse.From(doctor))
            : Problems.NotFound("doctor");
    }

    private static async Task<Results<Ok<ReassignmentResponse>, ProblemHttpResult>> Get(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        if (!Caller.From(http.User).IsStaff)
        {
            return Problems.Forbidden();
        }

        return await clinic.Grains.GetGrain<IReassignmentWorkflowGrain>(id).Get() is { } workflow
            ? TypedResults.Ok(await Present(workflow, clinic))
            : Problems.NotFound("reassignment");
    }

    private static bool MayManageAbsence(Caller caller, string doctorId) =>
        caller.Is(ClinicRoles.PracticeManager) || caller.Is(ClinicRoles.Admin) || caller.IsDoctor(doctorId);

    private static AbsenceKind Fail(FieldReader reader, string field, string message)
    {
        reader.Fail(field, message);
        return default;
    }

    private static async Task<ReassignmentResponse> Present(ReassignmentView workflow, ClinicServices clinic)
    {
        var zone = DateTimeZoneProviders.Tzdb[(await clinic.Doctor(workflow.DoctorId))?.TimeZone ?? "UTC"];
        var items = workflow.Appointments;
        int Count(ReassignmentOutcome outcome) => items.Count(i => i.Outcome == outcome);
        return new ReassignmentResponse(
            workflow.Id,
            workflow.DoctorId,
            AppointmentResponse.Local(workflow.From, zone),
            AppointmentResponse.Local(workflow.To, zone),
            workflow.Status.ToApiName(),
            AppointmentResponse.Local(workflow.StartedAt, zone),
            workflow.FinishedAt is { } finished ? AppointmentResponse.Local(finished, zone) : null,
            new ReassignmentCounts(items.Count, Count(ReassignmentOutcome.Moved), Count(ReassignmentOutcome.NeedsAttention),
                Count(ReassignmentOutcome.Skipped), Count(ReassignmentOutcome.NotReached), Count(ReassignmentOutcome.Pending)),
            [.. items.Select(i => new ReassignmentItemResponse(
                i.AppointmentId, AppointmentResponse.Local(i.Start, zone), i.Outcome.ToApiName(), i.NewDoctorId, i.Note,
                [.. i.Alternatives.Select(a => new AlternativeSlotResponse(a.DoctorId, AppointmentResponse.Local(a.Start, zone), AppointmentResponse.Local(a.End, zone)))]))]);
    }
}
