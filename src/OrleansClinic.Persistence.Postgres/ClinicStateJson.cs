using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>The JSON shape of grain state in the clinic's tables: camelCase, NodaTime values in their ISO forms.</summary>
public static class ClinicStateJson
{
    /// <summary>Serializer options for state payloads; members marked <c>[JsonIgnore]</c> (such as pending events) are left out.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
