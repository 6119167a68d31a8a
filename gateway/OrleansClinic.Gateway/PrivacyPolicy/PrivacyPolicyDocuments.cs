using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Domain.Privacy;

namespace OrleansClinic.Gateway.PrivacyPolicy;

/// <summary>
/// Reads the privacy-policy versions published in the repository (<c>PrivacyPolicy/v*.md</c>, embedded in the gateway):
/// each file starts with a front-matter block naming its <c>version</c> and <c>effective</c> date.
/// </summary>
public static partial class PrivacyPolicyDocuments
{
    /// <summary>The zone in which effective dates are read: a version applies from midnight there.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    /// <summary>Today in <see cref="Zone"/>: the day against which effective dates are compared.</summary>
    public static LocalDate Today(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetCurrentInstant().InZone(Zone).Date;
    }

    /// <summary>Every version embedded in this assembly; a malformed document fails the start, never a request.</summary>
    public static PrivacyPolicyCatalog Load() => Load(typeof(PrivacyPolicyDocuments).Assembly);

    /// <summary>Parses one document; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static PrivacyPolicyVersion Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = FrontMatter().Match(text.ReplaceLineEndings("\n"));
        if (!match.Success)
        {
            throw new FormatException($"Privacy policy {name} must start with a '---' block giving version and effective.");
        }

        if (!int.TryParse(match.Groups["version"].Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new FormatException($"Privacy policy {name} has no positive whole version.");
        }

        var effective = LocalDatePattern.Iso.Parse(match.Groups["effective"].Value.Trim());
        if (!effective.Success)
        {
            throw new FormatException($"Privacy policy {name} has no effective date as yyyy-MM-dd.");
        }

        return new PrivacyPolicyVersion(version, effective.Value, match.Groups["content"].Value.Trim() + "\n");
    }

    private static PrivacyPolicyCatalog Load(Assembly assembly)
    {
        var documents = new List<PrivacyPolicyVersion>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".PrivacyPolicy.", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            documents.Add(Parse(resource, reader.ReadToEnd()));
        }

        return new PrivacyPolicyCatalog(documents);
    }

    [GeneratedRegex(@"\A---\n(?:version:[ \t]*(?<version>[^\n]*)\n|effective:[ \t]*(?<effective>[^\n]*)\n)+---\n(?<content>.*)\z", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FrontMatter();
}
