using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using NodaTime;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// A slot search's answer, written as the JSON array of <see cref="DoctorSlotResponse"/> straight from the found slots.
/// A week across a thousand doctors is 55,000 slots and 7 MB: making a response object of each and handing them to the
/// serializer was most of the search's garbage, and its collections were the search's slowest moments (docs/performance.md).
/// </summary>
/// <param name="doctors">The doctors searched; <see cref="FoundSlot.Doctor"/> indexes this list.</param>
/// <param name="slots">The slots, in the order to answer them.</param>
/// <param name="pooled">True when <paramref name="slots"/> is a segment of an array from <see cref="ArrayPool{T}.Shared"/>, returned once written.</param>
public sealed class SlotSearchResult(IReadOnlyList<DoctorProfile> doctors, IReadOnlyList<FoundSlot> slots, bool pooled) : IResult, IEndpointMetadataProvider
{
    // Written out once flushed: Kestrel's pipe sends what it has while the rest is written.
    private const int FlushBytes = 32 * 1024;

    private static readonly JsonEncodedText DoctorId = JsonEncodedText.Encode("doctorId");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText TimeZone = JsonEncodedText.Encode("timeZone");

    /// <summary>The slots answered, in order.</summary>
    public IReadOnlyList<FoundSlot> Slots => slots;

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(DoctorSlotResponse[]), ["application/json"]));
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            await Write(httpContext);
        }
        finally
        {
            if (pooled && slots is ArraySegment<FoundSlot> { Array: { } array })
            {
                ArrayPool<FoundSlot>.Shared.Return(array);
            }
        }
    }

    private async Task Write(HttpContext httpContext)
    {
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        var zones = doctors.Select(d => DateTimeZoneProviders.Tzdb[d.TimeZone]).ToArray();
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = json.Encoder, Indented = json.WriteIndented, SkipValidation = true });
        writer.WriteStartArray();
        foreach (var slot in slots)
        {
            var doctor = doctors[slot.Doctor];
            writer.WriteStartObject();
            writer.WriteString(DoctorId, doctor.Id);
            writer.WriteString(Start, AppointmentResponse.Local(slot.Start, zones[slot.Doctor]));
            writer.WriteString(End, AppointmentResponse.Local(slot.End, zones[slot.Doctor]));
            writer.WriteString(TimeZone, doctor.TimeZone);
            writer.WriteEndObject();
            if (writer.BytesPending >= FlushBytes)
            {
                writer.Flush();
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        await body.FlushAsync(httpContext.RequestAborted);
    }
}
