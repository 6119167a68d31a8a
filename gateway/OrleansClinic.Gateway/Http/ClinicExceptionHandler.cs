using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Storage;

namespace OrleansClinic.Gateway.Http;

/// <summary>Turns exceptions into problem responses: the caller's mistakes into 4xx, concurrency into 409, the rest into a bare 500.</summary>
public sealed partial class ClinicExceptionHandler(IProblemDetailsService problems, ILogger<ClinicExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, code, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "bad-request", "The request could not be read.", bad.Message),
            InconsistentStateException => (StatusCodes.Status409Conflict, "concurrent-change", "Someone else changed this at the same moment.", "Retry the request."),
            // A silo failing over or a storage hiccup: the work is safe to retry with the same Idempotency-Key.
            TimeoutException or SiloUnavailableException or OrleansMessageRejectionException =>
                (StatusCodes.Status503ServiceUnavailable, "unavailable", "The clinic is busy.", "Retry the request shortly."),
            _ => (StatusCodes.Status500InternalServerError, "internal", "Something went wrong on our side.", (string?)null),
        };
        if (status >= 500)
        {
            LogFailure(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Type = Problems.TypeFor(code), Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private partial void LogFailure(Exception exception, string method, string path);
}
