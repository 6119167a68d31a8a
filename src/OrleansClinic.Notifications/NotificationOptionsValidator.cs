using Microsoft.Extensions.Options;

namespace OrleansClinic.Notifications;

/// <summary>Refuses half-configured providers and retry settings that would hammer a provider or never give up.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Twilio.IsConfigured)
        {
            if (!options.Twilio.AccountSid!.StartsWith("AC", StringComparison.Ordinal) || options.Twilio.AccountSid.Length != 34)
            {
                failures.Add("Notifications:Twilio:AccountSid must be an account SID (AC followed by 32 characters).");
            }

            Require(options.Twilio.AuthToken, "Notifications:Twilio:AuthToken", failures);
            Require(options.Twilio.From, "Notifications:Twilio:From", failures);
            CheckUrl(options.Twilio.BaseUrl, "Notifications:Twilio:BaseUrl", failures);
            CheckUrl(options.Twilio.StatusCallbackUrl, "Notifications:Twilio:StatusCallbackUrl", failures);
        }

        if (options.SendGrid.IsConfigured)
        {
            Require(options.SendGrid.From, "Notifications:SendGrid:From", failures);
            CheckUrl(options.SendGrid.BaseUrl, "Notifications:SendGrid:BaseUrl", failures);
        }

        if (options.StaffEmail is { Length: > 0 } staff && (staff.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(staff, out _)))
        {
            failures.Add("Notifications:StaffEmail must be an email address.");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"Notifications:MaxAttempts must be 1 to 20 (was {options.MaxAttempts}).");
        }

        if (options.FirstRetryDelay < TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay || options.MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add("Notifications:FirstRetryDelay and MaxRetryDelay must satisfy 0 <= first <= max <= 10 minutes.");
        }

        foreach (var period in options.Reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!NodaTime.Text.PeriodPattern.NormalizingIso.Parse(period).TryGetValue(NodaTime.Period.Zero, out var parsed) || !IsReminderPeriod(parsed))
            {
                failures.Add($"Notifications:Reminders: '{period}' must be a positive ISO period of days and/or time, at most 14 days (e.g. P1D, PT2H).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.LocalSinkPath))
        {
            failures.Add("Notifications:LocalSinkPath is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Days and time only (a month is not a fixed span), positive, and no more than two weeks ahead.
    private static bool IsReminderPeriod(NodaTime.Period period) =>
        period is { Years: 0, Months: 0, Weeks: 0 }
        && period.ToDuration() is var span && span > NodaTime.Duration.Zero && span <= NodaTime.Duration.FromDays(14);

    private static void Require(string? value, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is required.");
        }
    }

    private static void CheckUrl(string? value, string setting, List<string> failures)
    {
        if (value is { Length: > 0 } && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            failures.Add($"{setting} must be an absolute https URL (http only on loopback).");
        }
    }
}
