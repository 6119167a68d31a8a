using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Archive.Tests;

/// <summary>
/// How the S3 store reads Glacier: s3rver cannot transition storage classes or restore, so a small fake S3 answers HEAD
/// with the storage class and <c>x-amz-restore</c> headers S3 sends, GET of a cold object with InvalidObjectState, and
/// POST <c>?restore</c> as S3 does, and the store is driven through the real AWS SDK against it.
/// </summary>
public sealed class S3ColdTierTests : IAsyncLifetime
{
    private const string Bucket = "clinic-archive";
    private const string Sha256 = "0000000000000000000000000000000000000000000000000000000000000abc";

    // Key (under the store's prefix) → storage class header and x-amz-restore header S3 would send.
    private static readonly Dictionary<string, (string? StorageClass, string? Restore)> Objects = new(StringComparer.Ordinal)
    {
        ["standard.jsonl.gz"] = (null, null),
        ["standard-ia.jsonl.gz"] = ("STANDARD_IA", null),
        ["glacier-ir.jsonl.gz"] = ("GLACIER_IR", null),
        ["glacier.jsonl.gz"] = ("GLACIER", null),
        ["glacier-restoring.jsonl.gz"] = ("GLACIER", "ongoing-request=\"true\""),
        ["glacier-restored.jsonl.gz"] = ("GLACIER", "ongoing-request=\"false\", expiry-date=\"Fri, 21 Aug 2026 00:00:00 GMT\""),
        ["deep.jsonl.gz"] = ("DEEP_ARCHIVE", null),
        ["deep-restoring.jsonl.gz"] = ("DEEP_ARCHIVE", "ongoing-request=\"true\""),
        ["deep-restored.jsonl.gz"] = ("DEEP_ARCHIVE", "ongoing-request=\"false\", expiry-date=\"Sat, 22 Aug 2026 00:00:00 GMT\""),
        ["restore-racing.jsonl.gz"] = ("GLACIER", null),
    };

    private readonly ConcurrentQueue<(string Method, string Path, string Query, string Body)> requests = new();
    private LoopbackHttpServer server = null!;
    private S3ArchiveStore store = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        server = LoopbackHttpServer.Start(AnswerAsync);
        var options = new S3ArchiveOptions { BucketName = Bucket, ServiceUrl = server.Url.ToString(), ForcePathStyle = true, Region = "ap-southeast-2", RestoreTier = "Bulk" };
        var config = S3ArchiveServiceCollectionExtensions.CreateConfig(options);
        config.MaxErrorRetry = 0;
        store = new S3ArchiveStore(new AmazonS3Client(new BasicAWSCredentials("test-access-key", "test-secret-key"), config), options, ownsClient: true);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        store.Dispose();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("standard.jsonl.gz", "STANDARD", ArchiveRetrievalState.Available)]
    [InlineData("standard-ia.jsonl.gz", "STANDARD_IA", ArchiveRetrievalState.Available)]
    [InlineData("glacier-ir.jsonl.gz", "GLACIER_IR", ArchiveRetrievalState.Available)]
    [InlineData("glacier.jsonl.gz", "GLACIER", ArchiveRetrievalState.Archived)]
    [InlineData("glacier-restoring.jsonl.gz", "GLACIER", ArchiveRetrievalState.RestoreInProgress)]
    [InlineData("glacier-restored.jsonl.gz", "GLACIER", ArchiveRetrievalState.Restored)]
    [InlineData("deep.jsonl.gz", "DEEP_ARCHIVE", ArchiveRetrievalState.Archived)]
    [InlineData("deep-restoring.jsonl.gz", "DEEP_ARCHIVE", ArchiveRetrievalState.RestoreInProgress)]
    [InlineData("deep-restored.jsonl.gz", "DEEP_ARCHIVE", ArchiveRetrievalState.Restored)]
    public async Task Head_maps_the_storage_class_and_restore_header_to_a_retrieval_state(string key, string storageClass, ArchiveRetrievalState state)
    {
        var head = await store.HeadAsync(key, Cancellation);

        Assert.NotNull(head);
        Assert.Equal(storageClass, head.StorageClass);
        Assert.Equal(state, head.State);
        Assert.Equal(Sha256, head.Sha256);
        Assert.Equal(1234, head.Size);
        Assert.Equal(("HEAD", $"/{Bucket}/archive/{key}"), requests.Select(r => (r.Method, r.Path)).Single());
    }

    [Fact]
    public async Task A_restored_copy_reports_when_it_expires()
    {
        var glacier = await store.HeadAsync("glacier-restored.jsonl.gz", Cancellation);
        var deep = await store.HeadAsync("deep-restored.jsonl.gz", Cancellation);

        Assert.Equal(new DateTimeOffset(2026, 8, 21, 0, 0, 0, TimeSpan.Zero), glacier!.RestoreExpiresAt);
        Assert.Equal(new DateTimeOffset(2026, 8, 22, 0, 0, 0, TimeSpan.Zero), deep!.RestoreExpiresAt);
        Assert.Null((await store.HeadAsync("glacier.jsonl.gz", Cancellation))!.RestoreExpiresAt);
    }

    [Fact]
    public async Task Reading_an_archived_object_says_to_request_a_restore()
    {
        var e = await Assert.ThrowsAsync<ArchiveRestoreRequiredException>(() => store.GetAsync("glacier.jsonl.gz", Cancellation));

        Assert.Equal("glacier.jsonl.gz", e.Key);
        Assert.Contains("request a restore", e.Message, StringComparison.Ordinal);
        Assert.Contains("s3://clinic-archive/archive/glacier.jsonl.gz", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("glacier.jsonl.gz")]
    [InlineData("deep.jsonl.gz")]
    [InlineData("glacier-restored.jsonl.gz")]
    public async Task Restoring_an_archived_or_restored_object_posts_a_restore_request_with_days_and_tier(string key)
    {
        await store.RequestRestoreAsync(key, days: 7, Cancellation);

        var restore = requests.Single(r => r.Method == "POST");
        Assert.Equal($"/{Bucket}/archive/{key}", restore.Path);
        Assert.Contains("restore", restore.Query, StringComparison.Ordinal);
        var body = XDocument.Parse(restore.Body).Root!;
        Assert.Equal("RestoreRequest", body.Name.LocalName);
        Assert.Equal("7", body.Elements().Single(e => e.Name.LocalName == "Days").Value);
        Assert.Equal("Bulk", body.Descendants().Single(e => e.Name.LocalName == "Tier").Value);
    }

    [Theory]
    [InlineData("standard-ia.jsonl.gz")]
    [InlineData("glacier-ir.jsonl.gz")]
    [InlineData("glacier-restoring.jsonl.gz")]
    [InlineData("deep-restoring.jsonl.gz")]
    public async Task Restoring_a_readable_object_or_one_being_restored_sends_no_restore_request(string key)
    {
        await store.RequestRestoreAsync(key, days: 7, Cancellation);

        Assert.Equal(["HEAD"], requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_restore_another_caller_started_first_is_accepted()
    {
        await store.RequestRestoreAsync("restore-racing.jsonl.gz", days: 7, Cancellation);

        Assert.Equal(["HEAD", "POST"], requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Restoring_a_missing_object_fails_as_not_found()
    {
        await Assert.ThrowsAsync<ArchiveObjectNotFoundException>(() => store.RequestRestoreAsync("missing.jsonl.gz", 7, Cancellation));
        Assert.Null(await store.HeadAsync("missing.jsonl.gz", Cancellation));
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var path = request.Url!.AbsolutePath;
        requests.Enqueue((request.HttpMethod, path, request.Url.Query, body));
        var prefix = $"/{Bucket}/archive/";
        var key = path.StartsWith(prefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(path[prefix.Length..]) : "";
        var response = context.Response;
        response.Headers["x-amz-request-id"] = "fake-request";
        response.Headers["x-amz-id-2"] = "fake-host";
        if (!Objects.TryGetValue(key, out var stored))
        {
            await Answer(response, 404, request.HttpMethod == "HEAD" ? null : Error("NoSuchKey", "The specified key does not exist."));
            return;
        }

        switch (request.HttpMethod)
        {
            case "HEAD":
                response.Headers["ETag"] = "\"0123456789abcdef0123456789abcdef\"";
                response.Headers["Last-Modified"] = "Mon, 04 May 2026 03:02:01 GMT";
                response.Headers["x-amz-meta-sha256"] = Sha256;
                if (stored.StorageClass is not null)
                {
                    response.Headers["x-amz-storage-class"] = stored.StorageClass;
                }

                if (stored.Restore is not null)
                {
                    response.Headers["x-amz-restore"] = stored.Restore;
                }

                response.ContentType = "application/gzip";
                response.ContentLength64 = 1234;
                response.Close();
                return;
            case "GET" when stored.StorageClass is "GLACIER" or "DEEP_ARCHIVE" && stored.Restore is null or "ongoing-request=\"true\"":
                await Answer(response, 403, Error("InvalidObjectState", "The operation is not valid for the object's storage class"));
                return;
            case "POST" when request.Url.Query.Contains("restore", StringComparison.Ordinal):
                if (key == "restore-racing.jsonl.gz")
                {
                    await Answer(response, 409, Error("RestoreAlreadyInProgress", "Object restore is already in progress"));
                    return;
                }

                // 202 Accepted starts a restore; 200 OK extends a restored copy, as S3 answers.
                await Answer(response, stored.Restore is null ? 202 : 200, null);
                return;
            default:
                await Answer(response, 400, Error("NotImplemented", $"The fake does not answer {request.HttpMethod} {key}."));
                return;
        }
    }

    private static async Task Answer(HttpListenerResponse response, int status, string? xml)
    {
        response.StatusCode = status;
        if (xml is null)
        {
            response.ContentLength64 = 0;
            response.Close();
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(xml);
        response.ContentType = "application/xml";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static string Error(string code, string message) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fake-request</RequestId><HostId>fake-host</HostId></Error>""";
}
