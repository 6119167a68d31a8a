using System.Buffers;
using System.Runtime.InteropServices;
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

    private static async Task<Results<SlotSearchResult, ProblemHttpResult>> Search(
        string? specialty, string? locationId, string? from, string? to, int? limit, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var range = QueryRange.Read(reader, from, to, clinic.Policy.MaxQueryRange);
        var count = limit is null ? (int?)null : reader.Number("limit", limit, 1, MaxLimit);
        if (range is null || !reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        // Doctors in id order: the answer lists doctors in this order between slots that start together.
        var doctors = (await clinic.Grains.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(specialty, locationId))
            .OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        if (count is not { } most)
        {
            return new SlotSearchResult(doctors, await Free(clinic, doctors, range.Value.From, range.Value.To), pooled: true);
        }

        // A day at a time from `from`, stopping once enough are found: every slot of a later day starts later, so the
        // first `limit` are final, and a search for the next free slots usually needs one day's work, not the range's.
        var found = new List<FoundSlot>();
        for (var start = range.Value.From; start < range.Value.To && found.Count < most; start += Duration.FromDays(1))
        {
            var end = Instant.Min(start + Duration.FromDays(1), range.Value.To);
            var day = await Free(clinic, doctors, start, end);
            found.AddRange(day);
            ArrayPool<FoundSlot>.Shared.Return(day.Array!);
        }

        return new SlotSearchResult(doctors, found.Count > most ? found.GetRange(0, most) : found, pooled: false);
    }

    // Every doctor's free slots starting in [from, to), earliest first and, between equal starts, in the doctors' order,
    // in an array from the shared pool: a week's is over a megabyte, too big to leave to the garbage collector each time.
    private static async Task<ArraySegment<FoundSlot>> Free(ClinicServices clinic, IReadOnlyList<DoctorProfile> doctors, Instant from, Instant to)
    {
        var perDoctor = await clinic.FreeSlotsAcross(doctors, from, to);

        // A bucket per start, not a sort: a week across a thousand doctors is 55,000 slots but only some sixty starts,
        // and filling the buckets doctor by doctor keeps the doctors' order between equal starts.
        var counts = new Dictionary<Instant, int>();
        foreach (var free in perDoctor)
        {
            foreach (var slot in free)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, slot.Start, out _)++;
            }
        }

        var starts = counts.Keys.ToArray();
        Array.Sort(starts);
        var next = 0;
        foreach (var start in starts)
        {
            (counts[start], next) = (next, next + counts[start]);
        }

        var found = ArrayPool<FoundSlot>.Shared.Rent(next);
        for (var doctor = 0; doctor < perDoctor.Count; doctor++)
        {
            foreach (var slot in perDoctor[doctor])
            {
                found[CollectionsMarshal.GetValueRefOrNullRef(counts, slot.Start)++] = new FoundSlot(doctor, slot.Start, slot.End);
            }
        }

        return new ArraySegment<FoundSlot>(found, 0, next);
    }
}
