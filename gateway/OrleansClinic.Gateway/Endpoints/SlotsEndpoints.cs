using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/slots</c>: free slots across the clinic's doctors.</summary>
public static class SlotsEndpoints
{
    /// <summary>Maps the slot search.</summary>
    public static RouteGroupBuilder MapSlotsApi(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/slots").WithTags("Slots");
        slots.MapGet("/", Search);
        return slots;
    }

    private static async Task<Results<Ok<DoctorSlotResponse[]>, ProblemHttpResult>> Search(
        string? specialty, string? locationId, string? from, string? to, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        if (QueryRange.Read(reader, from, to, clinic.Policy.MaxQueryRange) is not { } range)
        {
            return Problems.Validation(reader.Errors);
        }

        var doctors = await clinic.Grains.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(specialty, locationId);
        var perDoctor = await Task.WhenAll(doctors.Select(async doctor =>
        {
            var zone = DateTimeZoneProviders.Tzdb[doctor.TimeZone];
            var free = await clinic.FreeSlots(doctor, range.From, range.To);
            return free.Select(s => new DoctorSlotResponse(doctor.Id, AppointmentResponse.Local(s.Start, zone), AppointmentResponse.Local(s.End, zone), doctor.TimeZone));
        }));
        return TypedResults.Ok(perDoctor.SelectMany(s => s).OrderBy(s => s.Start).ThenBy(s => s.DoctorId, StringComparer.Ordinal).ToArray());
    }
}
