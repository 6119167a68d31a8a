using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// Every published version of the privacy policy, and which one applies on a day: the newest already in effect. A
/// version announced for a later date is published ahead (it can be read by number) but does not apply yet.
/// </summary>
public sealed class PrivacyPolicyCatalog
{
    private readonly SortedList<int, PrivacyPolicyVersion> versions = [];

    /// <summary>A catalog of <paramref name="versions"/>; numbers must be unique and effective dates rise with them.</summary>
    public PrivacyPolicyCatalog(IEnumerable<PrivacyPolicyVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        foreach (var version in versions)
        {
            if (!this.versions.TryAdd(version.Version, version))
            {
                throw new ArgumentException($"Privacy policy version {version.Version} is published twice.", nameof(versions));
            }
        }

        // A later version taking effect before an earlier one would make "the current policy" jump backwards.
        for (var i = 1; i < this.versions.Count; i++)
        {
            if (this.versions.Values[i].EffectiveFrom <= this.versions.Values[i - 1].EffectiveFrom)
            {
                throw new ArgumentException(
                    $"Privacy policy version {this.versions.Values[i].Version} must take effect after version {this.versions.Values[i - 1].Version}.",
                    nameof(versions));
            }
        }
    }

    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<PrivacyPolicyVersion> All => [.. versions.Values];

    /// <summary>The version in effect on <paramref name="today"/>, or null before the first takes effect.</summary>
    public PrivacyPolicyVersion? CurrentOn(LocalDate today) =>
        versions.Values.LastOrDefault(v => v.EffectiveFrom <= today);

    /// <summary>
    /// The version numbered <paramref name="version"/> when it was published and is in effect by <paramref name="today"/>
    /// (a patient can only have been shown a version that applied), or null.
    /// </summary>
    public PrivacyPolicyVersion? InEffectOn(int version, LocalDate today) =>
        Find(version) is { } found && found.EffectiveFrom <= today ? found : null;

    /// <summary>The version numbered <paramref name="version"/>, or null when none was published.</summary>
    public PrivacyPolicyVersion? Find(int version) => versions.GetValueOrDefault(version);
}
