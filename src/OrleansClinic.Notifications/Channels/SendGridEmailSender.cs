using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace OrleansClinic.Notifications.Channels;

/// <summary>Email through Twilio SendGrid's v3 mail-send API with the SendGrid SDK.</summary>
public sealed class SendGridEmailSender : INotificationSender
{
    private readonly SendGridClient client;
    private readonly EmailAddress from;

    /// <summary>Creates the sender on <paramref name="http"/>.</summary>
    public SendGridEmailSender(HttpClient http, IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sendGrid = options.Value.SendGrid;
        from = new EmailAddress(sendGrid.From);
        var clientOptions = new SendGridClientOptions { ApiKey = sendGrid.ApiKey };
        if (sendGrid.BaseUrl is { Length: > 0 } baseUrl)
        {
            clientOptions.Host = baseUrl.TrimEnd('/');
        }

        client = new SendGridClient(http, clientOptions);
    }

    /// <inheritdoc />
    public string Channel => NotificationChannel.Email;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var message = MailHelper.CreateSingleEmail(from, new EmailAddress(to), subject, body, htmlContent: null);
        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.Transient($"sendgrid unreachable: {ex.HttpRequestError}");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return SendOutcome.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500
            ? SendOutcome.Transient($"sendgrid {status}", response.Headers.RetryAfter?.Delta)
            : SendOutcome.Permanent($"sendgrid {status}");
    }
}
