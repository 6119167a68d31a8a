using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Endpoints;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The search's own JSON writer says exactly what the serializer says for the contract's response objects.</summary>
public sealed class SlotSearchResultTests
{
    [Fact]
    public async Task It_writes_byte_for_byte_what_the_serializer_writes_for_the_same_slots()
    {
        // Two zones, one of them on daylight saving in December, and an id that needs escaping.
        DoctorProfile[] doctors = [Doctor("d-<a&b>", "Australia/Sydney"), Doctor("d-perth", "Australia/Perth")];
        var nine = Instant.FromUtc(2026, 12, 7, 22, 0);
        var quarter = Duration.FromMinutes(15);
        FoundSlot[] slots = [new(0, nine, nine + quarter), new(1, nine, nine + quarter), new(0, nine + quarter, nine + quarter + quarter)];
        // More slots than one flush holds, so the answer is written in several pieces.
        slots = [.. Enumerable.Repeat(slots, 400).SelectMany(s => s)];
        var services = new ServiceCollection().AddOptions().Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = 16).BuildServiceProvider();
        using var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = body;

        await new SlotSearchResult(doctors, slots, pooled: false).ExecuteAsync(context);

        var responses = slots.Select(s => new DoctorSlotResponse(
            doctors[s.Doctor].Id,
            AppointmentResponse.Local(s.Start, DateTimeZoneProviders.Tzdb[doctors[s.Doctor].TimeZone]),
            AppointmentResponse.Local(s.End, DateTimeZoneProviders.Tzdb[doctors[s.Doctor].TimeZone]),
            doctors[s.Doctor].TimeZone)).ToArray();
        var expected = JsonSerializer.SerializeToUtf8Bytes(responses, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(body.ToArray()));
        Assert.True(body.Length > 32 * 1024);
    }

    private static DoctorProfile Doctor(string id, string zone) =>
        new(id, "Dr Test Fixture", "general_practice", "loc-test", zone, 15, DoctorStatus.Available, new Availability([], []));
}
