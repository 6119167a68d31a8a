namespace OrleansClinic.Gateway.Http;

/// <summary>Limits on what a caller may send.</summary>
public static class RequestLimits
{
    /// <summary>Largest request body accepted; every clinic request is a few hundred bytes.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Answers 413 for bodies declared larger than <see cref="MaxBodyBytes"/>, whatever the server's own limit.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                await Problems.Create(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large.",
                    $"Send at most {MaxBodyBytes} bytes.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
