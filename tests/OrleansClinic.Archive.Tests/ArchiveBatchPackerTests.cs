using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace OrleansClinic.Archive.Tests;

/// <summary>A batch packs into gzip-compressed JSON Lines with a manifest, and unpacks only when every check passes.</summary>
public sealed class ArchiveBatchPackerTests
{
    private static readonly string[] NoIds = [];

    [Fact]
    public void A_batch_round_trips_record_for_record()
    {
        var batch = ArchiveSamples.Batch(records: 25);

        var packed = ArchiveBatchPacker.Pack(batch);
        var records = ArchiveBatchPacker.Unpack(packed.Manifest, packed.Data.Span);

        Assert.Equal(batch.Records, records);
    }

    [Fact]
    public void The_data_object_is_gzip_compressed_json_lines_of_id_and_document()
    {
        var batch = ArchiveSamples.Batch(records: 3);

        var packed = ArchiveBatchPacker.Pack(batch);

        Assert.Equal([0x1f, 0x8b], packed.Data[..2].ToArray());
        using var gzip = new GZipStream(new MemoryStream(packed.Data.ToArray()), CompressionMode.Decompress);
        var text = new StreamReader(gzip, Encoding.UTF8).ReadToEnd();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(3, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            Assert.Equal(["id", "doc"], line.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(batch.Records[i].Id, line.RootElement.GetProperty("id").GetString());
            Assert.Equal(batch.Records[i].Document, line.RootElement.GetProperty("doc").GetRawText());
        }
    }

    [Fact]
    public void The_manifest_names_the_batch_its_records_key_checksum_and_size()
    {
        var batch = ArchiveSamples.Batch(records: 3);

        var packed = ArchiveBatchPacker.Pack(batch);

        Assert.Equal("appointments/2026/05/batch-0001.jsonl.gz", packed.Manifest.ObjectKey);
        Assert.Equal("appointments/2026/05/batch-0001.manifest.json", packed.ManifestKey);
        using var json = JsonDocument.Parse(packed.ManifestJson);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("batch-0001", root.GetProperty("batchId").GetString());
        Assert.Equal("appointments", root.GetProperty("dataType").GetString());
        Assert.Equal(3, root.GetProperty("recordCount").GetInt32());
        Assert.Equal(["appt-0001", "appt-0002", "appt-0003"], root.GetProperty("recordIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(packed.Manifest.ObjectKey, root.GetProperty("objectKey").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(packed.Data.Span)), root.GetProperty("sha256").GetString());
        Assert.Equal(packed.Data.Length, root.GetProperty("compressedSize").GetInt64());
        Assert.Equal("2026-05-04T03:02:01.0000000Z", root.GetProperty("createdAt").GetString());
        var parsed = ArchiveManifest.Parse(packed.ManifestJson.Span);
        Assert.Equal(packed.Manifest.RecordIds, parsed.RecordIds);
        Assert.Equal(packed.Manifest with { RecordIds = NoIds }, parsed with { RecordIds = NoIds });
    }

    [Fact]
    public void The_month_in_the_key_is_the_creation_month_in_utc()
    {
        var sydneyNewYear = new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(11));

        var packed = ArchiveBatchPacker.Pack(ArchiveSamples.Batch(createdAt: sydneyNewYear));

        Assert.Equal("appointments/2026/12/batch-0001.jsonl.gz", packed.Manifest.ObjectKey);
        Assert.Equal(TimeSpan.Zero, packed.Manifest.CreatedAt.Offset);
    }

    [Fact]
    public void Packing_the_same_batch_twice_gives_the_same_bytes()
    {
        var first = ArchiveBatchPacker.Pack(ArchiveSamples.Batch(records: 10));
        var second = ArchiveBatchPacker.Pack(ArchiveSamples.Batch(records: 10));

        Assert.Equal(first.Data.ToArray(), second.Data.ToArray());
        Assert.Equal(first.ManifestJson.ToArray(), second.ManifestJson.ToArray());
    }

    [Fact]
    public void Line_breaks_between_tokens_come_back_as_spaces_and_ids_come_back_exactly()
    {
        var batch = new ArchiveBatch("b1", "appointments", ArchiveSamples.CreatedAt,
        [
            new ArchiveRecord("id with \"quotes\", a\nnewline and ü", "{\r\n  \"a\": \"line\\nbreak\",\n  \"b\": [1,\n2]\n}"),
            new ArchiveRecord("plain", "42"),
        ]);

        var records = ArchiveBatchPacker.Unpack(ArchiveBatchPacker.Pack(batch).Manifest, ArchiveBatchPacker.Pack(batch).Data.Span);

        Assert.Equal("id with \"quotes\", a\nnewline and ü", records[0].Id);
        Assert.Equal("{    \"a\": \"line\\nbreak\",   \"b\": [1, 2] }", records[0].Document);
        Assert.Equal(new ArchiveRecord("plain", "42"), records[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    public void A_changed_byte_is_an_integrity_failure(int position)
    {
        var packed = ArchiveBatchPacker.Pack(ArchiveSamples.Batch());
        var data = packed.Data.ToArray();

        data[position < 0 ? data.Length + position : position] ^= 0x01;

        var e = Assert.Throws<ArchiveIntegrityException>(() => ArchiveBatchPacker.Unpack(packed.Manifest, data));
        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
        Assert.Equal(packed.Manifest.ObjectKey, e.Key);
    }

    [Fact]
    public void A_truncated_object_is_an_integrity_failure()
    {
        var packed = ArchiveBatchPacker.Pack(ArchiveSamples.Batch());

        Assert.Throws<ArchiveIntegrityException>(() => ArchiveBatchPacker.Unpack(packed.Manifest, packed.Data.Span[..^1]));
    }

    [Fact]
    public void Data_whose_checksum_matches_but_whose_ids_do_not_is_an_integrity_failure()
    {
        var packed = ArchiveBatchPacker.Pack(ArchiveSamples.Batch());
        var other = ArchiveBatchPacker.Pack(ArchiveSamples.Batch(records: 2));
        var lying = other.Manifest with { RecordIds = packed.Manifest.RecordIds, RecordCount = 3 };

        var e = Assert.Throws<ArchiveIntegrityException>(() => ArchiveBatchPacker.Unpack(lying, other.Data.Span));
        Assert.Contains("ids", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_gzip_json_lines_but_match_a_manifest_are_an_integrity_failure()
    {
        var garbage = Encoding.UTF8.GetBytes("not gzip at all");
        var manifest = ArchiveBatchPacker.Pack(ArchiveSamples.Batch()).Manifest with
        {
            Sha256 = ArchiveChecksum.Sha256Hex(garbage),
            CompressedSize = garbage.Length,
        };

        Assert.Throws<ArchiveIntegrityException>(() => ArchiveBatchPacker.Unpack(manifest, garbage));
    }

    public static TheoryData<string, string> BadBatches => new()
    {
        { "no records", "has no records" },
        { "repeated id", "empty or repeated record id 'appt-0001'" },
        { "empty id", "empty or repeated record id ''" },
        { "not json", "is not one JSON value" },
        { "two json values", "is not one JSON value" },
        { "empty document", "is not one JSON value" },
        { "upper-case data type", "is not an archive data type" },
        { "batch id with a slash", "is not an archive batch id" },
        { "batch id with dots", "is not an archive batch id" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public void A_batch_that_cannot_be_archived_is_refused(string row, string expected)
    {
        var good = ArchiveSamples.Batch();
        var batch = row switch
        {
            "no records" => good with { Records = [] },
            "repeated id" => good with { Records = [.. good.Records, good.Records[0]] },
            "empty id" => good with { Records = [new ArchiveRecord("", "{}")] },
            "not json" => good with { Records = [new ArchiveRecord("a", "{not json")] },
            "two json values" => good with { Records = [new ArchiveRecord("a", "{} {}")] },
            "empty document" => good with { Records = [new ArchiveRecord("a", " ")] },
            "upper-case data type" => good with { DataType = "Appointments" },
            "batch id with a slash" => good with { BatchId = "../b" },
            "batch id with dots" => good with { BatchId = "b.manifest" },
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        };

        var e = Assert.ThrowsAny<ArgumentException>(() => ArchiveBatchPacker.Pack(batch));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadManifests => new()
    {
        { "{", "is not readable" },
        { "null", "it is empty" },
        { """{"formatVersion":1}""", "is not readable" },
        { Manifest(version: 2), "format version 2 is not 1" },
        { Manifest(count: 4), "counts 4 records but lists 3 ids" },
        { Manifest(objectKey: "appointments/2026/05/b.manifest.json"), "is not a data object's key" },
        { Manifest(objectKey: "../etc/passwd.jsonl.gz"), "is not a data object's key" },
        { Manifest(sha256: "ABC"), "sha256 is not 64 lowercase hex digits" },
        { Manifest(size: 0), "compressed size 0 is not positive" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void A_manifest_that_cannot_be_trusted_is_an_integrity_failure(string json, string expected)
    {
        var e = Assert.Throws<ArchiveIntegrityException>(() => ArchiveManifest.Parse(Encoding.UTF8.GetBytes(json), "m.manifest.json"));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static string Manifest(int version = 1, int count = 3, string objectKey = "appointments/2026/05/b.jsonl.gz", string? sha256 = null, long size = 100) =>
        $$"""
        {"formatVersion":{{version}},"batchId":"b","dataType":"appointments","recordCount":{{count}},"recordIds":["a","b","c"],
         "objectKey":"{{objectKey}}","sha256":"{{sha256 ?? new string('a', 64)}}","compressedSize":{{size}},"createdAt":"2026-05-04T03:02:01Z"}
        """;
}
