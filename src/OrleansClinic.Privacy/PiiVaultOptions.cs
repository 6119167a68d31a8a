namespace OrleansClinic.Privacy;

/// <summary>Settings of the PII vault. The keys come from a secret store or the environment, never from the repository.</summary>
public sealed class PiiVaultOptions
{
    /// <summary>Npgsql connection string of the clinic database holding <c>users_pii_vault</c>. Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The 32-byte HMAC key of the email, phone and name blind indexes, in base64. Required unless <see cref="UseEphemeralKeys"/>.</summary>
    public string? BlindIndexKey { get; set; }

    /// <summary>The master key that wraps the local ring's or KMS's: <see cref="LocalMasterKey"/> (the default) uses <see cref="KeyRing"/>.</summary>
    public string MasterKey { get; set; } = LocalMasterKey;

    /// <summary>The <see cref="MasterKey"/> value for the local key ring.</summary>
    public const string LocalMasterKey = "local";

    /// <summary>The <see cref="MasterKey"/> value for AWS KMS (<c>Privacy:Vault:Kms</c>); the key ring is then not needed.</summary>
    public const string AwsKmsMasterKey = "aws-kms";

    /// <summary>The local master keys; ignored when another <see cref="IMasterKey"/> (such as KMS) is registered first.</summary>
    public KeyRingOptions KeyRing { get; } = new();

    /// <summary>
    /// Generates the master and blind-index keys in memory at start-up (embedded mode): what is stored becomes unreadable
    /// and unfindable after a restart. Never for a database that outlives the process.
    /// </summary>
    public bool UseEphemeralKeys { get; set; }

    /// <summary>Copies these settings, key ring included, onto <paramref name="target"/> (options bound in one place, registered in another).</summary>
    public void CopyTo(PiiVaultOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.ConnectionString = ConnectionString;
        target.BlindIndexKey = BlindIndexKey;
        target.UseEphemeralKeys = UseEphemeralKeys;
        target.MasterKey = MasterKey;
        target.KeyRing.CurrentVersion = KeyRing.CurrentVersion;
        foreach (var (version, key) in KeyRing.Keys)
        {
            target.KeyRing.Keys[version] = key;
        }
    }
}
