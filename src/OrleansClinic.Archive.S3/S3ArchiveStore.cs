using System.Net;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrleansClinic.Archive.S3;

/// <summary>
/// The production archive: objects in an S3 bucket under a key prefix, written in Standard-IA with their SHA-256 in
/// user metadata (<c>x-amz-meta-sha256</c>) and moved to Glacier Flexible Retrieval and Deep Archive by the bucket's
/// lifecycle rules (<c>deploy/s3/archive-lifecycle.json</c>).
/// </summary>
/// <remarks>
/// The archive's own SHA-256 is the integrity check, compared on every read; S3's flexible checksums are not relied on
/// (the client asks for them only where S3 requires them; S3 stand-ins do not implement them). In transit, the body's
/// SHA-256 is signed into each put (no chunked or unsigned payload), so S3 refuses a body damaged on the way.
/// </remarks>
public sealed class S3ArchiveStore : IArchiveStore, IDisposable
{
    /// <summary>The user metadata name of the object's SHA-256, sent as <c>x-amz-meta-sha256</c>.</summary>
    public const string Sha256Metadata = "x-amz-meta-sha256";

    private readonly IAmazonS3 s3;
    private readonly string bucket;
    private readonly string prefix;
    private readonly GlacierJobTier restoreTier;
    private readonly bool ownsClient;

    /// <summary>
    /// Stores in <paramref name="options"/>' bucket and prefix through <paramref name="s3"/>, which this disposes only
    /// when <paramref name="ownsClient"/> (a client from elsewhere is that owner's to dispose).
    /// </summary>
    public S3ArchiveStore(IAmazonS3 s3, S3ArchiveOptions options, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new S3ArchiveOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        this.s3 = s3;
        this.ownsClient = ownsClient;
        bucket = options.BucketName;
        var trimmed = options.KeyPrefix.Trim('/');
        prefix = trimmed.Length == 0 ? "" : trimmed + "/";
        restoreTier = GlacierJobTier.FindValue(options.RestoreTier);
    }

    /// <inheritdoc />
    public async Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);
        var sha256 = ArchiveChecksum.Sha256Hex(content.Span);
        if (await HeadAsync(key, cancellationToken) is { } existing)
        {
            return SameOrConflict(key, existing, content.Length, sha256);
        }

        var body = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = objectKey,
            InputStream = body,
            AutoCloseStream = true,
            StorageClass = S3StorageClass.StandardInfrequentAccess,
            // Create only: of two writers racing for one key, the second gets 412 and compares checksums below.
            IfNoneMatch = "*",
            // One signed body, not aws-chunked: s3rver stores chunk framing as object bytes (seen with SDK 4.1), and
            // a signed payload hash lets S3 refuse a body damaged in transit.
            UseChunkEncoding = false,
            DisablePayloadSigning = false,
        };
        request.Metadata.Add(Sha256Metadata, sha256);
        try
        {
            await s3.PutObjectAsync(request, cancellationToken);
            return ArchivePutOutcome.Stored;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            var winner = await HeadAsync(key, cancellationToken)
                ?? throw new ArchiveKeyConflictException(key, $"Archive object {key} was being written by another writer and is not readable yet.", e);
            return SameOrConflict(key, winner, content.Length, sha256);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var objectKey = ObjectKey(key);
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = objectKey }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsMissing(e))
        {
            throw new ArchiveObjectNotFoundException(key, $"No archive object is stored under {key} (s3://{bucket}/{objectKey}).", e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "InvalidObjectState")
        {
            throw new ArchiveRestoreRequiredException(
                key, $"Archive object {key} (s3://{bucket}/{objectKey}) is in a cold storage class; request a restore (RequestRestoreAsync) and read it once its state is Restored.", e);
        }

        using (response)
        {
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            var bytes = content.ToArray();
            var recorded = response.Metadata[Sha256Metadata];
            if (!ArchiveChecksum.IsSha256Hex(recorded))
            {
                throw new ArchiveIntegrityException(key, $"Archive object {key} (s3://{bucket}/{objectKey}) has no SHA-256 in its metadata ({Sha256Metadata}), so it cannot be verified.");
            }

            var sha256 = ArchiveChecksum.Sha256Hex(bytes);
            return string.Equals(sha256, recorded, StringComparison.Ordinal)
                ? bytes
                : throw new ArchiveIntegrityException(key, $"Archive object {key} (s3://{bucket}/{objectKey}) reads with SHA-256 {sha256}; {recorded} was recorded when it was written.");
        }
    }

    /// <inheritdoc />
    public async Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        GetObjectMetadataResponse response;
        try
        {
            response = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = ObjectKey(key) }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsMissing(e))
        {
            return null;
        }

        // S3 sends no storage class header for Standard.
        var storageClass = string.IsNullOrEmpty(response.StorageClass?.Value) ? ArchiveStorageClasses.Standard : response.StorageClass.Value;
        // Intelligent-Tiering's archive tiers need a restore as Glacier does; they report an archive status instead of a class.
        var cold = ArchiveStorageClasses.IsCold(storageClass) || !string.IsNullOrEmpty(response.ArchiveStatus?.Value);
        var state = !cold ? ArchiveRetrievalState.Available
            : response.RestoreInProgress switch
            {
                true => ArchiveRetrievalState.RestoreInProgress,
                false => ArchiveRetrievalState.Restored,
                // No x-amz-restore header: never restored, or the restored copy has expired.
                null => ArchiveRetrievalState.Archived,
            };
        DateTimeOffset? expires = state == ArchiveRetrievalState.Restored && response.RestoreExpiration is { } expiry
            ? new DateTimeOffset(expiry.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(expiry, DateTimeKind.Utc) : expiry.ToUniversalTime())
            : null;
        return new ArchiveObjectInfo(key, response.ContentLength, response.Metadata[Sha256Metadata] ?? "", storageClass, state, expires);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!ArchiveKeys.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' cannot start an archive key.", nameof(prefix));
        }

        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = this.prefix + prefix };
        do
        {
            var response = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key[this.prefix.Length..]));
            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = ObjectKey(key) }, cancellationToken);

    /// <inheritdoc />
    public async Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var head = await HeadAsync(key, cancellationToken)
            ?? throw new ArchiveObjectNotFoundException(key, $"No archive object is stored under {key} (s3://{bucket}/{ObjectKey(key)}).");
        if (head.State is ArchiveRetrievalState.Available or ArchiveRetrievalState.RestoreInProgress)
        {
            return;
        }

        try
        {
            await s3.RestoreObjectAsync(
                new RestoreObjectRequest { BucketName = bucket, Key = ObjectKey(key), Days = days, Tier = restoreTier }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "RestoreAlreadyInProgress")
        {
            // Another caller asked first; its restore serves this one.
        }
    }

    /// <summary>Disposes the S3 client when this store owns it.</summary>
    public void Dispose()
    {
        if (ownsClient)
        {
            s3.Dispose();
        }
    }

    private static ArchivePutOutcome SameOrConflict(string key, ArchiveObjectInfo existing, int size, string sha256) =>
        existing.Size == size && string.Equals(existing.Sha256, sha256, StringComparison.Ordinal)
            ? ArchivePutOutcome.AlreadyStored
            : throw new ArchiveKeyConflictException(
                key, $"Archive object {key} already holds {existing.Size} bytes with SHA-256 '{existing.Sha256}'; archive objects are never replaced.");

    private static bool IsMissing(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NotFound";

    private string ObjectKey(string key)
    {
        ArchiveKeys.ThrowIfInvalid(key, nameof(key));
        return prefix + key;
    }
}
