using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>
/// Generated JSON code for the slot search's answer: a week across a thousand doctors is 55,000 slots, and the
/// generated writer spares each one the general serializer's per-object bookkeeping (docs/performance.md).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DoctorSlotResponse[]))]
internal sealed partial class SlotSearchJsonContext : JsonSerializerContext;
