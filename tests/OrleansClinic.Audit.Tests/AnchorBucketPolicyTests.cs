using System.Text.Json;
using OrleansClinic.Testing.StandIns;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Audit.Tests;

/// <summary>The bucket policy in deploy/s3 keeps the silos' role from deleting or replacing an anchor where the S3 store writes them.</summary>
public sealed class AnchorBucketPolicyTests
{
    private static readonly JsonElement Statements = Load();

    private static string AnchorObjects => $"/{new S3ArchiveOptions().KeyPrefix}/{AuditAnchorBook.Prefix}*";

    [Fact]
    public void Anchors_cannot_be_deleted()
    {
        var statement = Statement("AuditAnchorsAreNeverDeleted");

        Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
        Assert.Equal(["s3:DeleteObject", "s3:DeleteObjectVersion"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.EndsWith(AnchorObjects, statement.GetProperty("Resource").GetString(), StringComparison.Ordinal);
        Assert.False(statement.TryGetProperty("Condition", out _));
    }

    [Theory]
    [InlineData("AuditAnchorsAreWrittenOnlyWhereNoneIs", "s3:if-none-match", "true")]
    [InlineData("AuditAnchorsAreNeverReplaced", "s3:if-match", "false")]
    public void Anchors_are_put_only_as_new_objects(string sid, string header, string isNull)
    {
        var statement = Statement(sid);

        Assert.Equal(("Deny", "s3:PutObject"), (statement.GetProperty("Effect").GetString(), statement.GetProperty("Action").GetString()));
        Assert.EndsWith(AnchorObjects, statement.GetProperty("Resource").GetString(), StringComparison.Ordinal);
        Assert.Equal(isNull, statement.GetProperty("Condition").GetProperty("Null").GetProperty(header).GetString());
    }

    [Fact]
    public void The_rest_of_the_archive_stays_deletable_by_the_retention_purge() =>
        Assert.All(Statements.EnumerateArray(), s => Assert.Contains($"/{AuditAnchorBook.Prefix}", s.GetProperty("Resource").GetString(), StringComparison.Ordinal));

    private static JsonElement Statement(string sid) => Statements.EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == sid);

    private static JsonElement Load()
    {
        var path = Repository.PathOf("deploy", "s3", "archive-bucket-policy.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("Statement").Clone();
    }
}
