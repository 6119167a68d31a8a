namespace OrleansClinic.Privacy.AwsKms;

/// <summary>Settings of <see cref="KmsMasterKey"/>, bound from <see cref="Section"/>: which KMS keys wrap, and how to reach KMS.</summary>
public sealed class KmsMasterKeyOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string Section = "Privacy:Vault:Kms";

    /// <summary>KMS keys by version: a key ARN or an alias (ARN or <c>alias/name</c>). Keep retired versions until rewrapping has finished.</summary>
    public Dictionary<int, string> Keys { get; } = [];

    /// <summary>The version new data keys are wrapped under; must be one of <see cref="Keys"/>.</summary>
    public int CurrentVersion { get; set; }

    /// <summary>The AWS region of the keys, such as <c>ap-southeast-2</c>; required unless <see cref="ServiceUrl"/> is set.</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint to call instead of the region's, such as a VPC endpoint or a local stand-in; plain http only on loopback.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>How long one KMS request may take before it fails (and may be retried).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Copies these settings onto <paramref name="target"/> (options bound in one place, registered in another).</summary>
    public void CopyTo(KmsMasterKeyOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.CurrentVersion = CurrentVersion;
        target.Region = Region;
        target.ServiceUrl = ServiceUrl;
        target.RequestTimeout = RequestTimeout;
        foreach (var (version, key) in Keys)
        {
            target.Keys[version] = key;
        }
    }
}
