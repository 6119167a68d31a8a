using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace OrleansClinic.Archive;

/// <summary>
/// Turns a batch into its data object (gzip-compressed JSON Lines, one <c>{"id":…,"doc":…}</c> a line) and manifest,
/// and a data object back into records once its size, SHA-256 and record ids match the manifest.
/// </summary>
public static class ArchiveBatchPacker
{
    /// <summary>Packs <paramref name="batch"/>: compresses its records and describes them in a manifest with their checksum.</summary>
    /// <exception cref="ArgumentException">The batch has no records, a record id is empty or repeated, or a document is not one JSON value.</exception>
    public static PackedArchiveBatch Pack(ArchiveBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var objectKey = ArchiveKeys.DataKey(batch.DataType, batch.CreatedAt, batch.BatchId);
        if (batch.Records is null || batch.Records.Count == 0)
        {
            throw new ArgumentException($"Archive batch {batch.BatchId} has no records.", nameof(batch));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip))
        {
            foreach (var record in batch.Records)
            {
                if (string.IsNullOrEmpty(record?.Id) || !ids.Add(record.Id))
                {
                    throw new ArgumentException($"Archive batch {batch.BatchId} has an empty or repeated record id '{record?.Id}'.", nameof(batch));
                }

                writer.WriteStartObject();
                writer.WriteString("id", record.Id);
                writer.WritePropertyName("doc");
                writer.WriteRawValue(OneLine(record, batch.BatchId), skipInputValidation: true);
                writer.WriteEndObject();
                writer.Flush();
                writer.Reset();
                gzip.WriteByte((byte)'\n');
            }
        }

        var data = compressed.ToArray();
        var manifest = new ArchiveManifest(
            ArchiveManifest.CurrentFormatVersion,
            batch.BatchId,
            batch.DataType,
            batch.Records.Count,
            [.. batch.Records.Select(r => r.Id)],
            objectKey,
            ArchiveChecksum.Sha256Hex(data),
            data.LongLength,
            batch.CreatedAt.ToUniversalTime());
        return new PackedArchiveBatch(manifest, ArchiveKeys.ManifestKeyFor(objectKey), data, manifest.ToJson());
    }

    /// <summary>
    /// Unpacks <paramref name="data"/>, the data object <paramref name="manifest"/> describes, throwing
    /// <see cref="ArchiveIntegrityException"/> unless its size and SHA-256 match the manifest, it decompresses and
    /// parses, and its record ids are the manifest's, in order.
    /// </summary>
    public static IReadOnlyList<ArchiveRecord> Unpack(ArchiveManifest manifest, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var key = manifest.ObjectKey;
        if (data.Length != manifest.CompressedSize)
        {
            throw new ArchiveIntegrityException(key, $"Archive object {key} is {data.Length} bytes; its manifest says {manifest.CompressedSize}.");
        }

        var sha256 = ArchiveChecksum.Sha256Hex(data);
        if (!string.Equals(sha256, manifest.Sha256, StringComparison.Ordinal))
        {
            throw new ArchiveIntegrityException(key, $"Archive object {key} has SHA-256 {sha256}; its manifest says {manifest.Sha256}.");
        }

        var records = ReadLines(key, data.ToArray());
        if (!records.Select(r => r.Id).SequenceEqual(manifest.RecordIds, StringComparer.Ordinal))
        {
            throw new ArchiveIntegrityException(key, $"Archive object {key} holds {records.Count} records whose ids are not the {manifest.RecordCount} its manifest lists.");
        }

        return records;
    }

    private static List<ArchiveRecord> ReadLines(string key, byte[] data)
    {
        var records = new List<ArchiveRecord>();
        try
        {
            using var gzip = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            while (reader.ReadLine() is { } line)
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                records.Add(new ArchiveRecord(
                    root.GetProperty("id").GetString() ?? throw new JsonException("A record's id is null."),
                    root.GetProperty("doc").GetRawText()));
            }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or DecoderFallbackException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArchiveIntegrityException(key, $"Archive object {key} is not readable gzip-compressed JSON Lines: {e.Message}", e);
        }

        return records;
    }

    // A JSON Lines file holds one record a line. A raw line break in valid JSON can only be whitespace between tokens
    // (strings escape theirs), so a space in its place keeps the document's meaning.
    private static byte[] OneLine(ArchiveRecord record, string batchId)
    {
        var text = record.Document ?? throw new ArgumentException($"Record {record.Id} of archive batch {batchId} has no document.", nameof(record));
        if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.Replace('\r', ' ').Replace('\n', ' ');
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read())
            {
                throw new JsonException("The document is empty.");
            }

            reader.Skip();
            if (reader.Read())
            {
                throw new JsonException("The document holds more than one JSON value.");
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Record {record.Id} of archive batch {batchId} is not one JSON value: {e.Message}", nameof(record), e);
        }

        return utf8;
    }
}
