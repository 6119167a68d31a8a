using Microsoft.Extensions.Options;

namespace OrleansClinic.Privacy;

/// <summary>Refuses vault settings that would fail later or quietly weaken it: missing database, short keys, no current key.</summary>
public sealed class PiiVaultOptionsValidator : IValidateOptions<PiiVaultOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PiiVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(PiiVaultOptions.ConnectionString)} is required.");
        }

        if (options.MasterKey is not (PiiVaultOptions.LocalMasterKey or PiiVaultOptions.AwsKmsMasterKey))
        {
            failures.Add($"{nameof(PiiVaultOptions.MasterKey)} must be '{PiiVaultOptions.LocalMasterKey}' or '{PiiVaultOptions.AwsKmsMasterKey}'.");
        }

        if (!options.UseEphemeralKeys)
        {
            var blindIndexKey = Decode(options.BlindIndexKey, nameof(PiiVaultOptions.BlindIndexKey), failures);
            // With KMS the master keys live in KMS, checked by its own options.
            if (options.MasterKey != PiiVaultOptions.AwsKmsMasterKey)
            {
                ValidateKeyRing(options.KeyRing, blindIndexKey, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKeyRing(KeyRingOptions ring, byte[]? blindIndexKey, List<string> failures)
    {
        const string prefix = $"{nameof(PiiVaultOptions.KeyRing)}:{nameof(KeyRingOptions.Keys)}";
        if (ring.Keys.Count == 0)
        {
            failures.Add($"{prefix} needs at least one master key.");
            return;
        }

        foreach (var (version, value) in ring.Keys)
        {
            if (version <= 0)
            {
                failures.Add($"{prefix}: master key versions are positive; {version} is not.");
            }

            var key = Decode(value, $"{prefix}:{version}", failures);
            if (key is not null && blindIndexKey is not null && key.AsSpan().SequenceEqual(blindIndexKey))
            {
                // One key for both jobs would let whoever holds the index key unwrap every record.
                failures.Add($"{prefix}:{version} is the same as {nameof(PiiVaultOptions.BlindIndexKey)}; they must differ.");
            }
        }

        if (!ring.Keys.ContainsKey(ring.CurrentVersion))
        {
            failures.Add($"{nameof(PiiVaultOptions.KeyRing)}:{nameof(KeyRingOptions.CurrentVersion)} {ring.CurrentVersion} has no key in {prefix}.");
        }
    }

    // Messages name the setting but never echo its value: these are secrets.
    private static byte[]? Decode(string? value, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is required: 32 random bytes in base64.");
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            failures.Add($"{setting} is not valid base64.");
            return null;
        }

        if (key.Length != 32)
        {
            failures.Add($"{setting} is {key.Length} bytes; it must be 32.");
            return null;
        }

        return key;
    }
}
