namespace OrleansClinic.Notifications;

/// <summary>Where notices go (<c>Notifications</c> section): Twilio for SMS and SendGrid for email when configured, else a local file.</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>Twilio's Messages API; SMS go there when <see cref="TwilioOptions.AccountSid"/> is set.</summary>
    public TwilioOptions Twilio { get; } = new();

    /// <summary>SendGrid's mail-send API; email goes there when <see cref="SendGridOptions.ApiKey"/> is set.</summary>
    public SendGridOptions SendGrid { get; } = new();

    /// <summary>The file notices are written to when a channel has no provider. Default: <c>notifications.log</c> in the temp folder.</summary>
    public string LocalSinkPath { get; set; } = Path.Combine(Path.GetTempPath(), "orleans-clinic-notifications.log");

    /// <summary>
    /// How long before an appointment its reminders go, as ISO periods on the clinic's wall clock, comma-separated.
    /// Default <c>P1D,PT2H</c>: the day before at the same local time, and two hours before.
    /// </summary>
    public string Reminders { get; set; } = "P1D,PT2H";

    /// <summary>The parsed <see cref="Reminders"/>; throws on a bad period (the validator refuses those at start-up).</summary>
    public IReadOnlyList<NodaTime.Period> ReminderPeriods =>
        [.. Reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => NodaTime.Text.PeriodPattern.NormalizingIso.Parse(p).Value)];

    /// <summary>The front desk's address for notices to staff (an appointment needs attention); none when unset.</summary>
    public string? StaffEmail { get; set; }

    /// <summary>Attempts per notice before it is dead-lettered for staff. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Longest wait between attempts, whatever a provider's <c>Retry-After</c> asks. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before the first retry when the provider gives no <c>Retry-After</c>; doubled each time. Default 1 s.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Twilio account settings; the auth token comes from a secret store, never the repository.</summary>
public sealed class TwilioOptions
{
    /// <summary>The account SID (<c>AC…</c>).</summary>
    public string? AccountSid { get; set; }

    /// <summary>The auth token.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164 form, or a messaging service SID.</summary>
    public string? From { get; set; }

    /// <summary>Another base address for the API (a local stand-in in tests); https unless loopback.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The public URL of the gateway's status-callback endpoint (<c>…/api/v1/notifications/twilio/status</c>), given to
    /// Twilio with each message and used to check each callback's signature; no callbacks when unset.
    /// </summary>
    public string? StatusCallbackUrl { get; set; }

    /// <summary>True when SMS go through Twilio.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid);
}

/// <summary>SendGrid settings; the API key comes from a secret store, never the repository.</summary>
public sealed class SendGridOptions
{
    /// <summary>The API key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The verified sender address.</summary>
    public string? From { get; set; }

    /// <summary>Another base address for the API (a local stand-in in tests); https unless loopback.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>True when email goes through SendGrid.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
