namespace OrleansClinic.Notifications.Channels;

/// <summary>Sends one notice through one channel (<see cref="NotificationChannel"/>).</summary>
public interface INotificationSender
{
    /// <summary>The channel this sender serves.</summary>
    string Channel { get; }

    /// <summary>Sends <paramref name="body"/> to <paramref name="to"/> (a phone in E.164 form or an email address).</summary>
    Task<SendOutcome> SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}
