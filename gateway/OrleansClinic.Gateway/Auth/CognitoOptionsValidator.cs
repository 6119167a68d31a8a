using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Auth;

/// <summary>Refuses a half-configured user pool at start-up, rather than trusting the wrong issuer or none.</summary>
public sealed partial class CognitoOptionsValidator : IValidateOptions<CognitoOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CognitoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.UserPoolId is null || !PoolId().IsMatch(options.UserPoolId))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.UserPoolId)} must be a user pool id such as ap-southeast-2_AbC123.");
        }

        if (options.AppClientId is null || !ClientId().IsMatch(options.AppClientId))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.AppClientId)} must be the app client id (1 to 128 letters, digits, '_' or '+').");
        }

        if (!string.IsNullOrEmpty(options.DashboardClientId) && !ClientId().IsMatch(options.DashboardClientId))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.DashboardClientId)} must be an app client id (1 to 128 letters, digits, '_' or '+').");
        }

        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (options.Region is null || !Region().IsMatch(options.Region))
            {
                failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.Region)} must be an AWS region such as ap-southeast-2 (or set {nameof(CognitoOptions.Endpoint)}).");
            }
            else if (options.UserPoolId is not null && !options.UserPoolId.StartsWith(options.Region + "_", StringComparison.Ordinal))
            {
                failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.UserPoolId)} must belong to region {options.Region}.");
            }
        }
        else if (!IsBaseUrl(options.Endpoint))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.Endpoint)} must be a base URL, https (http only on loopback), e.g. http://127.0.0.1:9229.");
        }

        if (!string.IsNullOrWhiteSpace(options.HostedUiDomain) && !IsBaseUrl(options.HostedUiDomain))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.HostedUiDomain)} must be a base URL, https (http only on loopback), e.g. https://clinic.auth.ap-southeast-2.amazoncognito.com.");
        }

        if (!Scope().IsMatch(options.HostedUiScope ?? ""))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.HostedUiScope)} must be OAuth scopes separated by single spaces, e.g. \"openid email\".");
        }

        foreach (var url in options.HostedUiCallbackUrls.Where(u => !IsCallbackUrl(u)))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.HostedUiCallbackUrls)} holds '{url}'; each must be an absolute https URL (http only on loopback) without a fragment.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.ClockSkew)} must be between 0 and 5 minutes (was {options.ClockSkew}).");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{CognitoOptions.Section}:{nameof(CognitoOptions.RequestTimeout)} must be between 1 s and 1 min (was {options.RequestTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Secrets in transit: plain HTTP is for a stand-in on this machine only.
    private static bool IsWebUrl(string? value, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url)
        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        && url.UserInfo.Length == 0 && url.Fragment.Length == 0;

    private static bool IsBaseUrl(string? value) => IsWebUrl(value, out var url) && url.AbsolutePath == "/" && url.Query.Length == 0;

    private static bool IsCallbackUrl(string? value) => IsWebUrl(value, out _);

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+$")]
    private static partial Regex PoolId();

    [GeneratedRegex(@"^[\w+]{1,128}$")]
    private static partial Regex ClientId();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex Region();

    // RFC 6749 section 3.3: scope-tokens of %x21 / %x23-5B / %x5D-7E, separated by one space.
    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*\z")]
    private static partial Regex Scope();
}
