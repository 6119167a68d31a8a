using System.Security.Cryptography;

namespace OrleansClinic.Testing.Cluster;

/// <summary>
/// PII vault keys for clinics on PostgreSQL in tests: generated once per test run (no key in the repository) and the
/// same for every silo of a run, as a real deployment's silos share theirs.
/// </summary>
public static class TestVaultKeys
{
    /// <summary>The <c>Privacy:Vault</c> configuration settings.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Privacy:Vault:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Privacy:Vault:KeyRing:Keys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Privacy:Vault:KeyRing:CurrentVersion"] = "1",
    };

    /// <summary>The same settings as environment variables for a separate process.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables { get; } =
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>The settings added to <paramref name="settings"/> (for a host's configuration dictionary).</summary>
    public static Dictionary<string, string?> With(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return settings;
    }
}
