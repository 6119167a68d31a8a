using System.Text.Json;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Archive.Tests;

/// <summary>The bucket lifecycle in deploy/s3 moves what the S3 store writes, on the schedule docs/archive-tiers.md gives.</summary>
public sealed class ArchiveLifecycleTests
{
    private static readonly JsonElement Rules = Load();

    [Fact]
    public void Objects_under_the_stores_default_prefix_go_to_glacier_at_90_days_and_deep_archive_at_365()
    {
        var rule = Rule("archive-warm-to-cold");

        Assert.Equal("Enabled", rule.GetProperty("Status").GetString());
        Assert.Equal(new S3ArchiveOptions().KeyPrefix + "/", rule.GetProperty("Filter").GetProperty("Prefix").GetString());
        var transitions = rule.GetProperty("Transitions").EnumerateArray().Select(t => (t.GetProperty("Days").GetInt32(), t.GetProperty("StorageClass").GetString())).ToList();
        Assert.Equal([(90, ArchiveStorageClasses.GlacierFlexibleRetrieval), (365, ArchiveStorageClasses.DeepArchive)], transitions);
        // Glacier Flexible Retrieval bills at least 90 days: leaving earlier would pay for days not stored.
        Assert.True(transitions[1].Item1 - transitions[0].Item1 >= 90);
        Assert.False(rule.TryGetProperty("Expiration", out _), "Records are destroyed by the retention job, never by the bucket.");
    }

    [Fact]
    public void Incomplete_multipart_uploads_are_aborted_bucket_wide()
    {
        var rule = Rule("abort-incomplete-multipart-uploads");

        Assert.Equal("Enabled", rule.GetProperty("Status").GetString());
        Assert.Equal("", rule.GetProperty("Filter").GetProperty("Prefix").GetString());
        Assert.InRange(rule.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32(), 1, 30);
    }

    private static JsonElement Rule(string id) => Rules.EnumerateArray().Single(r => r.GetProperty("ID").GetString() == id);

    private static JsonElement Load()
    {
        var path = Repository.PathOf("deploy", "s3", "archive-lifecycle.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("Rules").Clone();
    }
}
