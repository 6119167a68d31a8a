using OrleansClinic.Grains.Abstractions;

namespace OrleansClinic.Gateway.Http;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when well formed, else a new one), echoes it
/// on the response, and carries it into grain calls and log scopes.
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
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    // Anything else could smuggle text into logs and headers.
    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
