using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/doctors</c>: profiles, availability, free slots and a doctor's day.</summary>
public static class DoctorsEndpoints
{
    /// <summary>Maps the doctor resource.</summary>
    public static RouteGroupBuilder MapDoctorsApi(this IEndpointRouteBuilder app)
    {
        var doctors = app.MapGroup("/api/v1/doctors").WithTags("Doctors");
        doctors.MapGet("/", List);
        doctors.MapPost("/", Create).RequireAuthorization(ClinicPolicies.ManageDoctors);
        doctors.MapGet("/{id}", Get);
        doctors.MapPut("/{id}/availability", SetAvailability);
        doctors.MapGet("/{id}/slots", Slots);
        doctors.MapGet("/{id}/appointments", Day);
        doctors.MapGet("/{id}/held", Held);
        return doctors;
    }

    private static async Task<Ok<DoctorResponse[]>> List(string? specialty, string? locationId, [AsParameters] ClinicServices clinic)
    {
        var found = await clinic.Grains.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(specialty, locationId);
        return TypedResults.Ok(found.Select(DoctorResponse.From).ToArray());
    }

    private static async Task<Results<Created<DoctorResponse>, ProblemHttpResult>> Create(CreateDoctorRequest request, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var doctor = new NewDoctor(
            reader.Text("name", request.Name, 120),
            reader.Text("specialty", request.Specialty),
            reader.Text("locationId", request.LocationId),
            reader.Zone("timeZone", request.TimeZone),
            reader.Number("slotMinutes", request.SlotMinutes, 5, 240),
            (request.Availability ?? new AvailabilityContract([], [])).Read(reader, "availability"));
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var id = "d-" + Guid.NewGuid().ToString("N")[..16];
        var created = await clinic.Grains.GetGrain<IDoctorGrain>(id).Create(doctor);
        return TypedResults.Created($"/api/v1/doctors/{id}", DoctorResponse.From(created));
    }

    private static async Task<Results<Ok<DoctorResponse>, ProblemHttpResult>> Get(string id, [AsParameters] ClinicServices clinic) =>
        await clinic.Doctor(id) is { } doctor ? TypedResults.Ok(DoctorResponse.From(doctor)) : Problems.NotFound("doctor");

    private static async Task<Results<Ok<DoctorResponse>, ProblemHttpResult>> SetAvailability(
        string id, AvailabilityContract request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!(caller.Is(ClinicRoles.PracticeManager) || caller.Is(ClinicRoles.Admin) || caller.IsDoctor(id)))
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        var availability = request.Read(reader, "availability");
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var updated = await clinic.Grains.GetGrain<IDoctorGrain>(id).SetAvailability(availability);
        return updated is null ? Problems.NotFound("doctor") : TypedResults.Ok(DoctorResponse.From(updated));
    }

    private static async Task<Results<Ok<SlotResponse[]>, ProblemHttpResult>> Slots(string id, string? from, string? to, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        if (QueryRange.Read(reader, from, to, clinic.Policy.MaxQueryRange) is not { } range)
        {
            return Problems.Validation(reader.Errors);
        }

        if (await clinic.Doctor(id) is not { } doctor)
        {
            return Problems.NotFound("doctor");
        }

        var zone = DateTimeZoneProviders.Tzdb[doctor.TimeZone];
        var slots = await clinic.FreeSlots(doctor, range.From, range.To);
        return TypedResults.Ok(slots.Select(s => new SlotResponse(AppointmentResponse.Local(s.Start, zone), AppointmentResponse.Local(s.End, zone), doctor.TimeZone)).ToArray());
    }

    private static async Task<Results<Ok<AppointmentResponse[]>, ProblemHttpResult>> Day(
        string id, string? date, int? days, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var read = await ReadDays(id, date, days, http, clinic);
        return read.Problem ?? (Results<Ok<AppointmentResponse[]>, ProblemHttpResult>)TypedResults.Ok((await clinic.Present(read.Days!.Appointments)).ToArray());
    }

    private static async Task<Results<Ok<HeldSlotResponse[]>, ProblemHttpResult>> Held(
        string id, string? date, int? days, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var read = await ReadDays(id, date, days, http, clinic);
        if (read.Problem is { } problem)
        {
            return problem;
        }

        var zone = DateTimeZoneProviders.Tzdb[read.TimeZone!];
        return TypedResults.Ok(read.Days!.Held
            .Select(h => new HeldSlotResponse(AppointmentResponse.Local(h.Start, zone), AppointmentResponse.Local(h.End, zone), read.TimeZone!, h.Why))
            .ToArray());
    }

    // A doctor's days are theirs and the front desk's: the appointments name patients, and a held slot says a move is under way.
    private static async Task<(DoctorDays? Days, string? TimeZone, ProblemHttpResult? Problem)> ReadDays(
        string id, string? date, int? days, HttpContext http, ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!(caller.IsStaff || caller.IsDoctor(id)))
        {
            return (null, null, Problems.Forbidden());
        }

        var reader = new FieldReader();
        var parsed = date is null ? null : LocalDatePattern.Iso.Parse(date);
        if (parsed is null || !parsed.Success)
        {
            reader.Fail("date", "must be a date written yyyy-MM-dd");
        }

        var count = reader.Number("days", days ?? 1, 1, DoctorDays.MaxDays);
        if (!reader.IsValid)
        {
            return (null, null, Problems.Validation(reader.Errors));
        }

        if (await clinic.Doctor(id) is not { } doctor)
        {
            return (null, null, Problems.NotFound("doctor"));
        }

        return (await DoctorDays.Read(clinic, id, parsed!.Value, count), doctor.TimeZone, null);
    }
}
