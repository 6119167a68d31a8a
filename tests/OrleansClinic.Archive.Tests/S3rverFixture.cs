using Amazon.Runtime;
using Amazon.S3;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Archive.Tests;

/// <summary>One s3rver for a test class, and a client on it configured as production's; each store gets its own key prefix.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverStandIn? s3rver;

    public S3rverStandIn S3rver => s3rver ?? throw new InvalidOperationException("s3rver has not started.");

    /// <summary>A client with s3rver's credentials and the archive store's client settings.</summary>
    public AmazonS3Client Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        s3rver = await S3rverStandIn.StartAsync("clinic-archive-test", TestContext.Current.CancellationToken);
        Client = new AmazonS3Client(new BasicAWSCredentials(S3rverStandIn.AccessKey, S3rverStandIn.SecretKey), S3ArchiveServiceCollectionExtensions.CreateConfig(Options("archive")));
    }

    /// <summary>Store settings for s3rver's bucket under <paramref name="keyPrefix"/>.</summary>
    public S3ArchiveOptions Options(string keyPrefix) => new()
    {
        BucketName = s3rver?.BucketName ?? "clinic-archive-test",
        KeyPrefix = keyPrefix,
        ServiceUrl = s3rver?.Url.ToString() ?? "http://127.0.0.1:1/",
        ForcePathStyle = true,
        Region = "ap-southeast-2",
    };

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (s3rver is not null)
        {
            await s3rver.DisposeAsync();
        }
    }
}
