using Amazon.Runtime;
using Amazon.S3;
using OrleansClinic.Archive;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Tiering.Tests;

/// <summary>The two archive stores tiering writes to: a local directory (embedded) and S3 on a real s3rver; one s3rver for the class.</summary>
public sealed class ArchiveStores : IAsyncLifetime
{
    private S3rverStandIn? s3rver;

    public async ValueTask InitializeAsync() => s3rver = await S3rverStandIn.StartAsync("clinic-tiering-test", TestContext.Current.CancellationToken);

    /// <summary>A fresh, empty store of <paramref name="kind"/> (<c>local</c> or <c>s3</c>).</summary>
    public IArchiveStore Create(string kind)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        if (kind == "local")
        {
            return new LocalDirectoryArchiveStore(new ArchiveOptions { RootDirectory = Path.Combine(Path.GetTempPath(), "clinic-tiering-" + prefix), KeyPrefix = prefix });
        }

        var options = new S3ArchiveOptions
        {
            BucketName = s3rver!.BucketName, KeyPrefix = prefix, ServiceUrl = s3rver.Url.ToString(), ForcePathStyle = true, Region = "ap-southeast-2",
        };
        var client = new AmazonS3Client(new BasicAWSCredentials(S3rverStandIn.AccessKey, S3rverStandIn.SecretKey), S3ArchiveServiceCollectionExtensions.CreateConfig(options));
        return new S3ArchiveStore(client, options, ownsClient: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (s3rver is not null)
        {
            await s3rver.DisposeAsync();
        }
    }
}
