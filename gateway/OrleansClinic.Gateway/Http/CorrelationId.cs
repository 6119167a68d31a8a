using System.Diagnostics;
using OrleansClinic.Grains.Abstractions;
using OrleansClinic.Hosting.Telemetry;

namespace OrleansClinic.Gateway.Http;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when well formed, else a new one), echoes it
/// on the response, and carries it into grain calls, log scopes and the request's span.
/// </summary>
public sealed class CorrelationId(RequestDelegate next, ILogger<CorrelationId> logger)
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Correlation-Id";

    private const string ItemKey = "clinic.correlation-id";

    /// <summary>The correlation id of the request.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] as string ?? "";
    }

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var supplied = context.Request.Headers[Header].ToString();
        var id = IsWellFormed(supplied) ? supplied : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        ClinicRequestContext.CorrelationId = id;

        // The request's span started before this ran; the spans it starts from here on take the id from the request context.
        Activity.Current?.SetTag(ClinicTelemetry.CorrelationIdTag, id);
        // A message template (not a bare dictionary) so the JSON console's scope reads "CorrelationId:…" as well as carrying the value.
        using (logger.BeginScope("CorrelationId:{CorrelationId}", id))
        {
            await next(context);
        }
    }

    // Anything else could smuggle text into logs and headers.
    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
