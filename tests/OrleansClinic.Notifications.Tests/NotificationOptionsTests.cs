namespace OrleansClinic.Notifications.Tests;

/// <summary>Half-configured providers and runaway retry settings stop start-up, naming the setting.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void No_provider_at_all_is_valid_notices_go_to_the_local_file() =>
        Assert.True(new NotificationOptionsValidator().Validate(null, new NotificationOptions()).Succeeded);

    [Fact]
    public void The_default_reminders_are_the_day_before_and_two_hours_before() =>
        Assert.Equal([NodaTime.Period.FromDays(1), NodaTime.Period.FromHours(2)], new NotificationOptions().ReminderPeriods);

    [Theory]
    [InlineData("Twilio:AccountSid", "SK123", "AccountSid must be an account SID")]
    [InlineData("Twilio:AuthToken", "", "Twilio:AuthToken is required")]
    [InlineData("Twilio:From", "", "Twilio:From is required")]
    [InlineData("Twilio:BaseUrl", "http://twilio.example.test", "Twilio:BaseUrl must be an absolute https URL")]
    [InlineData("SendGrid:From", "", "SendGrid:From is required")]
    [InlineData("MaxAttempts", "0", "MaxAttempts must be 1 to 20")]
    [InlineData("MaxRetryDelay", "00:20:00", "MaxRetryDelay must satisfy")]
    [InlineData("Reminders", "P1M", "must be a positive ISO period")]
    [InlineData("Reminders", "P1D,tomorrow", "must be a positive ISO period")]
    [InlineData("Reminders", "PT0S", "must be a positive ISO period")]
    [InlineData("Reminders", "P15D", "must be a positive ISO period")]
    public void A_bad_setting_fails_naming_it(string setting, string value, string expected)
    {
        var options = new NotificationOptions();
        (options.Twilio.AccountSid, options.Twilio.AuthToken, options.Twilio.From) = ("AC00000000000000000000000000000001", "token", "+61491570006");
        (options.SendGrid.ApiKey, options.SendGrid.From) = ("SG.key", "clinic@example.test");
        switch (setting)
        {
            case "Twilio:AccountSid": options.Twilio.AccountSid = value; break;
            case "Twilio:AuthToken": options.Twilio.AuthToken = value; break;
            case "Twilio:From": options.Twilio.From = value; break;
            case "Twilio:BaseUrl": options.Twilio.BaseUrl = value; break;
            case "SendGrid:From": options.SendGrid.From = value; break;
            case "Reminders": options.Reminders = value; break;
            case "MaxAttempts": options.MaxAttempts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.MaxRetryDelay = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new NotificationOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
