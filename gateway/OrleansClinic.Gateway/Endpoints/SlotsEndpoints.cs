using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/slots</c>: free slots across the clinic's doctors.</summary>
public static class SlotsEndpoints
{
    /// <summary>The most slots one search may ask for with <c>limit</c>.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>Maps the slot search.</summary>
    public static RouteGroupBuilder MapSlotsApi(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/slots").WithTags("Slots");
        slots.MapGet("/", Search);
        return slots;
    }

    private static async Task<Results<Ok<DoctorSlotResponse[]>, ProblemHttpResult>> Search(
        string? specialty, string? locationId, string? from, string? to, int? limit, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var range = QueryRange.Read(reader, from, to, clinic.Policy.MaxQueryRange);
        var count = limit is null ? (int?)null : reader.Number("limit", limit, 1, MaxLimit);
        if (range is null || !reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var doctors = await clinic.Grains.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(specialty, locationId);
        if (count is not { } most)
        {
            return TypedResults.Ok(await Free(clinic, doctors, range.Value.From, range.Value.To));
        }

        // A day at a time from `from`, stopping once enough are found: every slot of a later day starts later, so the
        // first `limit` are final. Measured: most of a week's search is the fan-out, one schedule-day call per doctor a
        // day, and a limited search usually needs one day of it (docs/performance.md).
        var found = new List<DoctorSlotResponse>();
        for (var start = range.Value.From; start < range.Value.To && found.Count < most; start += Duration.FromDays(1))
        {
            var end = Instant.Min(start + Duration.FromDays(1), range.Value.To);
            found.AddRange(await Free(clinic, doctors, start, end));
        }

        return TypedResults.Ok(found.Take(most).ToArray());
    }

    // Every doctor's free slots starting in [from, to), earliest first (doctor id between equal starts).
    private static async Task<DoctorSlotResponse[]> Free(ClinicServices clinic, IReadOnlyList<DoctorProfile> doctors, Instant from, Instant to)
    {
        // Sorted as instants with the doctor's place in id order between equal starts, before any response exists: a
        // week's 55,000 slots sort as small structs, not through a key-and-index map over response objects.
        var inOrder = doctors.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var perDoctor = await clinic.FreeSlotsAcross(inOrder, from, to);
        var slots = perDoctor.SelectMany((d, place) => d.Free.Select(s => (s.Start, Place: place, s.End))).ToArray();
        Array.Sort(slots, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Place.CompareTo(b.Place));
        var zones = Array.ConvertAll(inOrder, d => DateTimeZoneProviders.Tzdb[d.TimeZone]);
        return Array.ConvertAll(slots, s =>
        {
            var doctor = inOrder[s.Place];
            return new DoctorSlotResponse(doctor.Id, AppointmentResponse.Local(s.Start, zones[s.Place]), AppointmentResponse.Local(s.End, zones[s.Place]), doctor.TimeZone);
        });
    }
}
