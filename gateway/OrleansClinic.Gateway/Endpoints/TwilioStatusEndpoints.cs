using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Notifications;
using Twilio.Security;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// <c>POST /api/v1/notifications/twilio/status</c>: Twilio reports what became of a text (delivered, failed, ...).
/// Anonymous, so every request must carry a valid <c>X-Twilio-Signature</c> for the configured callback URL; mapped only
/// when <c>Notifications:Twilio:StatusCallbackUrl</c> is set.
/// </summary>
public static partial class TwilioStatusEndpoints
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/api/v1/notifications/twilio/status";

    /// <summary>Maps the status callback when Twilio and its callback URL are configured.</summary>
    public static IEndpointRouteBuilder MapTwilioStatusApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var twilio = new TwilioOptions();
        app.ServiceProvider.GetRequiredService<IConfiguration>().GetSection("Notifications:Twilio").Bind(twilio);
        if (!twilio.IsConfigured || string.IsNullOrWhiteSpace(twilio.StatusCallbackUrl) || string.IsNullOrWhiteSpace(twilio.AuthToken))
        {
            return app;
        }

        // The URL Twilio signed is the one we gave it, not whatever a proxy turned the request into.
        var validator = new RequestValidator(twilio.AuthToken);
        var callbackUrl = twilio.StatusCallbackUrl;
        app.MapPost(Path, (HttpContext http, IGrainFactory grains, ILogger<TwilioStatusMarker> logger) => Receive(http, grains, validator, callbackUrl, logger))
            .AllowAnonymous().WithTags("Notifications").WithName("TwilioStatusCallback");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Receive(
        HttpContext http, IGrainFactory grains, RequestValidator validator, string callbackUrl, ILogger logger)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "A form body is required.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!validator.Validate(callbackUrl, parameters, http.Request.Headers["X-Twilio-Signature"].ToString()))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "bad-signature", "The request is not signed by Twilio.");
        }

        var sid = form["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (sid.Length is 0 or > 64 || status.Length is 0 or > 32)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "validation", "MessageSid and MessageStatus are required.");
        }

        var error = form["ErrorCode"].ToString();
        if (!await grains.GetGrain<IProviderStatusGrain>(0).Record(sid, status, error.Length is > 0 and <= 16 ? error : null))
        {
            // Answered 204 all the same: Twilio would only retry a report we can never place.
            LogUnknownMessage(logger, sid);
        }

        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio reported on message {MessageSid}, which no notice is known by")]
    private static partial void LogUnknownMessage(ILogger logger, string messageSid);

    /// <summary>The logging category of the callback.</summary>
    public sealed class TwilioStatusMarker;
}
