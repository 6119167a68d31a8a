using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Privacy.AwsKms;

/// <summary>Refuses KMS settings that would fail on the first record or send keys over plain http: no keys, malformed key ids, no endpoint.</summary>
public sealed partial class KmsMasterKeyOptionsValidator : IValidateOptions<KmsMasterKeyOptions>
{
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KmsMasterKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateKeys(options, failures);
        ValidateEndpoint(options, failures);
        if (options.RequestTimeout < MinimumTimeout || options.RequestTimeout > MaximumTimeout)
        {
            failures.Add($"{Setting(nameof(KmsMasterKeyOptions.RequestTimeout))} is {options.RequestTimeout}; it must be between {MinimumTimeout} and {MaximumTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKeys(KmsMasterKeyOptions options, List<string> failures)
    {
        var keys = Setting(nameof(KmsMasterKeyOptions.Keys));
        if (options.Keys.Count == 0)
        {
            failures.Add($"{keys} needs at least one KMS key (a key ARN or an alias).");
            return;
        }

        foreach (var (version, keyId) in options.Keys)
        {
            if (version <= 0)
            {
                failures.Add($"{keys}: key versions are positive; {version} is not.");
            }

            if (string.IsNullOrWhiteSpace(keyId) || !KeyId().IsMatch(keyId))
            {
                failures.Add($"{keys}:{version} must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or an alias (arn:aws:kms:<region>:<account>:alias/<name> or alias/<name>).");
            }
        }

        if (!options.Keys.ContainsKey(options.CurrentVersion))
        {
            failures.Add($"{Setting(nameof(KmsMasterKeyOptions.CurrentVersion))} {options.CurrentVersion} has no key in {keys}.");
        }
    }

    private static void ValidateEndpoint(KmsMasterKeyOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Region) && string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            failures.Add($"{Setting(nameof(KmsMasterKeyOptions.Region))} or {Setting(nameof(KmsMasterKeyOptions.ServiceUrl))} is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            return;
        }

        var serviceUrl = Setting(nameof(KmsMasterKeyOptions.ServiceUrl));
        if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{serviceUrl} must be an absolute http(s) URL.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            // Data keys travel in the request body: plain http is for a stand-in on this machine only.
            failures.Add($"{serviceUrl} must use https unless it is a loopback address.");
        }
    }

    private static string Setting(string property) => $"{KmsMasterKeyOptions.Section}:{property}";

    [GeneratedRegex(@"^(arn:aws(-[a-z]+)*:kms:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+)|alias/[A-Za-z0-9/_-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyId();
}
