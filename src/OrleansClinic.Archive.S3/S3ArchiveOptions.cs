namespace OrleansClinic.Archive.S3;

/// <summary>Settings of <see cref="S3ArchiveStore"/>, bound from <see cref="Section"/>: which bucket and prefix hold the archive, and how to reach S3.</summary>
public sealed class S3ArchiveOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string Section = "Archive:S3";

    /// <summary>The archive bucket, such as <c>orleansclinic-archive-prod</c>; S3's bucket naming rules apply.</summary>
    public string BucketName { get; set; } = "";

    /// <summary>The folder in the bucket that holds the archive, <c>archive</c> by default: the lifecycle rules of <c>deploy/s3/archive-lifecycle.json</c> match it.</summary>
    public string KeyPrefix { get; set; } = "archive";

    /// <summary>The bucket's AWS region, such as <c>ap-southeast-2</c>; required unless <see cref="ServiceUrl"/> is set.</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint to call instead of the region's, such as a VPC endpoint or a local stand-in; plain http only on loopback.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Whether to address the bucket in the path (<c>host/bucket/key</c>) rather than the host name; stand-ins such as s3rver need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>The Glacier retrieval tier restores use: <c>Standard</c> (the default; 3–5 h, Deep Archive up to 12 h), <c>Bulk</c> (cheapest, up to 48 h) or <c>Expedited</c> (minutes; not for Deep Archive).</summary>
    public string RestoreTier { get; set; } = "Standard";

    /// <summary>How long one S3 request may take before it fails (and may be retried); a batch's data object is uploaded in one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Copies these settings onto <paramref name="target"/> (options bound in one place, registered in another).</summary>
    public void CopyTo(S3ArchiveOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.BucketName = BucketName;
        target.KeyPrefix = KeyPrefix;
        target.Region = Region;
        target.ServiceUrl = ServiceUrl;
        target.ForcePathStyle = ForcePathStyle;
        target.RestoreTier = RestoreTier;
        target.RequestTimeout = RequestTimeout;
    }
}
