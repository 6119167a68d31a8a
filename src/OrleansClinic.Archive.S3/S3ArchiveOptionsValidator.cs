using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Archive.S3;

/// <summary>Refuses S3 archive settings that would fail on the first batch or send records over plain http: a malformed bucket name, no endpoint, a bad prefix or tier.</summary>
public sealed partial class S3ArchiveOptionsValidator : IValidateOptions<S3ArchiveOptions>
{
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(15);

    // Names S3 reserves for its own kinds of bucket and access point.
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, S3ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateBucket(options.BucketName, failures);
        ValidateEndpoint(options, failures);
        if (!ArchiveKeys.IsValidStorePrefix(options.KeyPrefix))
        {
            failures.Add($"{Setting(nameof(S3ArchiveOptions.KeyPrefix))} '{options.KeyPrefix}' must be empty or '/'-separated segments, none empty, '.' or '..'.");
        }

        if (options.RestoreTier is not ("Standard" or "Bulk" or "Expedited"))
        {
            failures.Add($"{Setting(nameof(S3ArchiveOptions.RestoreTier))} '{options.RestoreTier}' must be Standard, Bulk or Expedited.");
        }

        if (options.RequestTimeout < MinimumTimeout || options.RequestTimeout > MaximumTimeout)
        {
            failures.Add($"{Setting(nameof(S3ArchiveOptions.RequestTimeout))} is {options.RequestTimeout}; it must be between {MinimumTimeout} and {MaximumTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBucket(string? bucket, List<string> failures)
    {
        var setting = Setting(nameof(S3ArchiveOptions.BucketName));
        if (string.IsNullOrWhiteSpace(bucket))
        {
            failures.Add($"{setting} is required.");
        }
        else if (!BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal) || IpAddress().IsMatch(bucket)
            || ReservedPrefixes.Any(p => bucket.StartsWith(p, StringComparison.Ordinal)) || ReservedSuffixes.Any(s => bucket.EndsWith(s, StringComparison.Ordinal)))
        {
            failures.Add($"{setting} '{bucket}' is not an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no '..', not an IP address, no prefix or suffix S3 reserves.");
        }
    }

    private static void ValidateEndpoint(S3ArchiveOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Region) && string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            failures.Add($"{Setting(nameof(S3ArchiveOptions.Region))} or {Setting(nameof(S3ArchiveOptions.ServiceUrl))} is required.");
        }
        else if (!string.IsNullOrWhiteSpace(options.Region) && !Region().IsMatch(options.Region))
        {
            failures.Add($"{Setting(nameof(S3ArchiveOptions.Region))} '{options.Region}' is not an AWS region such as ap-southeast-2.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            return;
        }

        var serviceUrl = Setting(nameof(S3ArchiveOptions.ServiceUrl));
        if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{serviceUrl} must be an absolute http(s) URL.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            // Archived records are patients' health records: plain http is for a stand-in on this machine only.
            failures.Add($"{serviceUrl} must use https unless it is a loopback address.");
        }
    }

    private static string Setting(string property) => $"{S3ArchiveOptions.Section}:{property}";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IpAddress();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();
}
