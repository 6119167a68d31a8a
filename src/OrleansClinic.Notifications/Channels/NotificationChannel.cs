namespace OrleansClinic.Notifications.Channels;

/// <summary>How a notice reaches a patient, and the consent purpose that must be granted for it.</summary>
public static class NotificationChannel
{
    /// <summary>Text message; needs the <c>sms_reminders</c> consent.</summary>
    public const string Sms = "sms";

    /// <summary>Email; needs the <c>email_reminders</c> consent.</summary>
    public const string Email = "email";

    /// <summary>The consent purpose a channel needs.</summary>
    public static string ConsentPurpose(string channel) => channel switch
    {
        Sms => "sms_reminders",
        Email => "email_reminders",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
