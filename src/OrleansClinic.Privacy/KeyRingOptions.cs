namespace OrleansClinic.Privacy;

/// <summary>Configured master keys of a <see cref="LocalKeyRing"/>: each version's 32-byte key in base64, and which one wraps.</summary>
public sealed class KeyRingOptions
{
    /// <summary>Master keys by version, each 32 random bytes in base64. Keep retired versions until rewrapping has finished.</summary>
    public Dictionary<int, string> Keys { get; } = [];

    /// <summary>The version new data keys are wrapped under; must be one of <see cref="Keys"/>.</summary>
    public int CurrentVersion { get; set; }
}
