using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansClinic.Archive;

/// <summary>
/// What one archived batch holds and how to check it, stored as JSON beside its data object: the record ids (so a
/// record can be found without opening data objects), the data object's key, SHA-256 and size, and when it was made.
/// </summary>
/// <param name="FormatVersion">The layout of the data object and this manifest; readers refuse versions they do not know.</param>
/// <param name="BatchId">The batch's id.</param>
/// <param name="DataType">The kind of record, such as <c>appointments</c>.</param>
/// <param name="RecordCount">How many records the data object holds.</param>
/// <param name="RecordIds">The records' ids, in the order of the data object's lines.</param>
/// <param name="ObjectKey">The data object's store key.</param>
/// <param name="Sha256">The data object's SHA-256, lowercase hex, over its compressed bytes.</param>
/// <param name="CompressedSize">The data object's size in bytes.</param>
/// <param name="CreatedAt">When the batch was made; written as an ISO 8601 UTC instant.</param>
public sealed record ArchiveManifest(
    int FormatVersion,
    string BatchId,
    string DataType,
    int RecordCount,
    IReadOnlyList<string> RecordIds,
    string ObjectKey,
    string Sha256,
    long CompressedSize,
    [property: JsonConverter(typeof(ArchiveManifest.UtcInstantConverter))] DateTimeOffset CreatedAt)
{
    /// <summary>The format this library writes: gzip-compressed JSON Lines, one <c>{"id":…,"doc":…}</c> object a line.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The manifest as the UTF-8 JSON stored beside the data object.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>
    /// Reads a stored manifest, throwing <see cref="ArchiveIntegrityException"/> when it is not one this library can
    /// trust: unreadable JSON, a field missing, an unknown format version, or counts and keys that disagree.
    /// </summary>
    public static ArchiveManifest Parse(ReadOnlySpan<byte> json, string? key = null)
    {
        ArchiveManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ArchiveManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ArchiveIntegrityException(key ?? "", $"The archive manifest {key} is not readable: {e.Message}", e);
        }

        var problem = manifest is null ? "it is empty"
            : manifest.FormatVersion != CurrentFormatVersion ? $"its format version {manifest.FormatVersion} is not {CurrentFormatVersion}"
            : manifest.RecordCount != manifest.RecordIds.Count ? $"it counts {manifest.RecordCount} records but lists {manifest.RecordIds.Count} ids"
            : !ArchiveKeys.IsValidKey(manifest.ObjectKey) || !manifest.ObjectKey.EndsWith(ArchiveKeys.DataSuffix, StringComparison.Ordinal) ? $"its object key '{manifest.ObjectKey}' is not a data object's key"
            : !ArchiveChecksum.IsSha256Hex(manifest.Sha256) ? "its sha256 is not 64 lowercase hex digits"
            : manifest.CompressedSize <= 0 ? $"its compressed size {manifest.CompressedSize} is not positive"
            : null;
        return problem is null ? manifest! : throw new ArchiveIntegrityException(key ?? "", $"The archive manifest {key} cannot be used: {problem}.");
    }

    // An instant reads best, and sorts, as "2026-05-04T03:02:01.0000000Z"; System.Text.Json would write "+00:00".
    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value.ToUniversalTime()
                : throw new JsonException("createdAt is not an ISO 8601 instant.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }
}
