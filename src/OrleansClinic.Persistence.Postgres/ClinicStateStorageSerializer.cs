using Orleans.Storage;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>
/// Grain state as <see cref="ClinicStateJson"/> writes it, for Orleans' memory storage in the embedded clinic. Its default
/// serializer reads an <see cref="NodaTime.Instant"/> back as a date and fails, so a grain collected while idle could not
/// be activated again.
/// </summary>
public sealed class ClinicStateStorageSerializer : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, ClinicStateJson.Options);

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ToObjectFromJson<T>(ClinicStateJson.Options)!;
    }
}
