using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace OrleansClinic.Notifications.Channels;

/// <summary>Text messages through Twilio's Messages API with the Twilio SDK.</summary>
public sealed class TwilioSmsSender : INotificationSender
{
    private readonly TwilioRestClient client;
    private readonly string from;
    private readonly Uri? statusCallback;

    /// <summary>Creates the sender on <paramref name="http"/> (which carries <see cref="RetryAfterCapture"/>).</summary>
    public TwilioSmsSender(System.Net.Http.HttpClient http, IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var twilio = options.Value.Twilio;
        from = twilio.From!;
        statusCallback = twilio.StatusCallbackUrl is { Length: > 0 } url ? new Uri(url) : null;
        client = new TwilioRestClient(twilio.AccountSid, twilio.AuthToken, httpClient: new SystemNetHttpClient(http));
    }

    /// <inheritdoc />
    public string Channel => NotificationChannel.Sms;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfterCapture.Begin();
        try
        {
            var message = await MessageResource.CreateAsync(
                to: new PhoneNumber(to), from: new PhoneNumber(from), body: body, statusCallback: statusCallback, client: client);
            return SendOutcome.Sent(message.Sid);
        }
        catch (ApiException ex) when (ex.Status is 429 or >= 500)
        {
            return SendOutcome.Transient($"twilio {ex.Status} {ex.Code}", retryAfter.Value);
        }
        catch (ApiException ex)
        {
            return SendOutcome.Permanent($"twilio {ex.Status} {ex.Code}");
        }
        catch (ApiConnectionException ex)
        {
            return SendOutcome.Transient($"twilio unreachable: {ex.GetType().Name}");
        }
    }
}
