using Amazon.S3.Model;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Archive.Tests;

/// <summary>The S3 archive store through the real AWS SDK against s3rver: the store contract, and what lands in the bucket.</summary>
public sealed class S3ArchiveStoreTests(S3rverFixture s3) : ArchiveStoreContract, IClassFixture<S3rverFixture>
{
    private readonly string keyPrefix = $"archive-{Guid.NewGuid():N}";

    protected override Task<IArchiveStore> CreateStoreAsync() =>
        Task.FromResult<IArchiveStore>(new S3ArchiveStore(s3.Client, s3.Options(keyPrefix)));

    // Another object under the same key with the original's recorded checksum, written by a plain client.
    protected override async Task CorruptAsync(IArchiveStore store, string key, byte[] content)
    {
        var head = await store.HeadAsync(key, Cancellation) ?? throw new InvalidOperationException($"{key} is not stored");
        var request = new PutObjectRequest
        {
            BucketName = s3.S3rver.BucketName,
            Key = $"{keyPrefix}/{key}",
            InputStream = new MemoryStream(content),
            UseChunkEncoding = false,
        };
        request.Metadata.Add(S3ArchiveStore.Sha256Metadata, head.Sha256);
        await s3.Client.PutObjectAsync(request, Cancellation);
    }

    [Fact]
    public async Task Objects_land_under_the_prefix_in_standard_ia_with_their_sha256_as_user_metadata()
    {
        var store = await CreateStoreAsync();
        var content = Bytes("archived");

        await store.PutAsync("appointments/2026/05/a.jsonl.gz", content, Cancellation);

        var raw = await s3.Client.GetObjectMetadataAsync(s3.S3rver.BucketName, $"{keyPrefix}/appointments/2026/05/a.jsonl.gz", Cancellation);
        Assert.Equal("STANDARD_IA", raw.StorageClass?.Value);
        Assert.Equal(ArchiveChecksum.Sha256Hex(content), raw.Metadata["x-amz-meta-sha256"]);
        Assert.Equal(content.Length, raw.ContentLength);
        // s3rver keeps the bytes as sent: no aws-chunked framing or checksum trailer in the object.
        using var get = await s3.Client.GetObjectAsync(s3.S3rver.BucketName, $"{keyPrefix}/appointments/2026/05/a.jsonl.gz", Cancellation);
        using var body = new MemoryStream();
        await get.ResponseStream.CopyToAsync(body, Cancellation);
        Assert.Equal(content, body.ToArray());
    }

    [Fact]
    public async Task An_object_without_a_recorded_sha256_cannot_be_verified_and_is_refused()
    {
        var store = await CreateStoreAsync();
        await s3.Client.PutObjectAsync(
            new PutObjectRequest { BucketName = s3.S3rver.BucketName, Key = $"{keyPrefix}/k/unsigned.json", ContentBody = "{}", UseChunkEncoding = false },
            Cancellation);

        var e = await Assert.ThrowsAsync<ArchiveIntegrityException>(() => store.GetAsync("k/unsigned.json", Cancellation));

        Assert.Contains("no SHA-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_under_other_prefixes_of_the_bucket_do_not_see_each_other()
    {
        var store = await CreateStoreAsync();
        var neighbour = new S3ArchiveStore(s3.Client, s3.Options(keyPrefix + "-neighbour"));
        await store.PutAsync("k/a.json", Bytes("mine"), Cancellation);
        await neighbour.PutAsync("k/b.json", Bytes("theirs"), Cancellation);

        Assert.Equal(["k/a.json"], await store.ListAsync("", Cancellation));
        Assert.Null(await store.HeadAsync("k/b.json", Cancellation));
    }
}
