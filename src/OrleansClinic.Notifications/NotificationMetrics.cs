using System.Diagnostics.Metrics;

namespace OrleansClinic.Notifications;

/// <summary>
/// The notices' instruments on the <c>OrleansClinic.Notifications</c> meter, tagged with the channel only: never the
/// patient, the address or the text.
/// </summary>
public sealed class NotificationMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Notifications";

    /// <summary>Counter: notices the provider (Twilio, SendGrid, the local sink) accepted.</summary>
    public const string SentName = "clinic.notifications.sent";

    /// <summary>Counter: send attempts the provider refused, tagged <c>retrying</c> or <c>dead_letter</c> (gave up).</summary>
    public const string FailedName = "clinic.notifications.failed";

    /// <summary>The tag naming the channel (<c>sms</c>, <c>email</c>).</summary>
    public const string ChannelTag = "clinic.notification.channel";

    /// <summary>The tag saying what a failure led to.</summary>
    public const string OutcomeTag = "clinic.notification.outcome";

    private readonly Counter<long> sent;
    private readonly Counter<long> failed;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, which owns and disposes it.</summary>
    public NotificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        sent = meter.CreateCounter<long>(SentName, unit: "{notification}", description: "Notices a provider accepted for delivery.");
        failed = meter.CreateCounter<long>(FailedName, unit: "{attempt}", description: "Notice send attempts a provider refused.");
    }

    internal void Sent(string channel) => sent.Add(1, new KeyValuePair<string, object?>(ChannelTag, channel));

    internal void Failed(string channel, bool gaveUp) =>
        failed.Add(1, new KeyValuePair<string, object?>(ChannelTag, channel), new KeyValuePair<string, object?>(OutcomeTag, gaveUp ? "dead_letter" : "retrying"));
}
