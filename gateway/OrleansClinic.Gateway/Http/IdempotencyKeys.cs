using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Grains.Abstractions.Idempotency;

namespace OrleansClinic.Gateway.Http;

/// <summary>
/// Enforces API.md's <c>Idempotency-Key</c> rules for endpoints marked <see cref="IdempotentAttribute"/>: the key is
/// remembered durably by an <see cref="IIdempotencyKeyGrain"/> per caller; a retry of the same request gets the first
/// response again, a different request with the key gets 422, a retry while the first still runs gets 409.
/// </summary>
public sealed class IdempotencyKeys(RequestDelegate next, IGrainFactory grains, IdempotencyMetrics metrics)
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header that marks a replay.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const string OperationIdKey = "clinic.operation-id";

    /// <summary>The id of the operation this request's key stands for; the same on every retry.</summary>
    public static string OperationId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[OperationIdKey] as string ?? throw new InvalidOperationException("The endpoint is not marked [Idempotent].");
    }

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[Header].ToString();
        if (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
        {
            await Problems.Create(StatusCodes.Status400BadRequest, "idempotency-key", "An Idempotency-Key header is required.",
                "Send 1 to 255 visible ASCII characters, unique per intended change.").ExecuteAsync(context);
            return;
        }

        var body = await ReadBody(context);
        if (body is null)
        {
            await Problems.Create(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is too large.").ExecuteAsync(context);
            return;
        }

        var grain = grains.GetGrain<IIdempotencyKeyGrain>($"{Caller.From(context.User).Id}|{key}");
        var claim = await grain.Claim(Fingerprint(context.Request, body));
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                metrics.Replayed();
                await Replay(context, claim.Response!);
                return;
            case IdempotencyOutcome.InFlight:
                await Problems.Create(StatusCodes.Status409Conflict, "idempotency-in-flight", "A request with this Idempotency-Key is still being processed.",
                    "Wait for it to finish, then retry to receive its response.").ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Mismatch:
                await Problems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "This Idempotency-Key was used for a different request.",
                    "Use a new key for a new request.").ExecuteAsync(context);
                return;
        }

        context.Items[OperationIdKey] = claim.OperationId;
        await RunAndRemember(context, grain);
    }

    private async Task RunAndRemember(HttpContext context, IIdempotencyKeyGrain grain)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await grain.Abandon();
            throw;
        }

        context.Response.Body = original;
        var response = context.Response;
        if (response.StatusCode >= 500)
        {
            await grain.Abandon();
        }
        else
        {
            await grain.Complete(new StoredResponse(
                response.StatusCode, response.ContentType ?? "", Encoding.UTF8.GetString(buffer.ToArray()), response.Headers.Location.ToString() is { Length: > 0 } l ? l : null));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task Replay(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }

        if (stored.ContentType.Length > 0)
        {
            context.Response.ContentType = stored.ContentType;
        }

        await context.Response.WriteAsync(stored.Body, context.RequestAborted);
    }

    /// <summary>Reads the body so it can be fingerprinted and read again by the endpoint; null when over the size limit.</summary>
    private static async Task<byte[]?> ReadBody(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? RequestLimits.MaxBodyBytes;
        limit = Math.Min(limit, RequestLimits.MaxBodyBytes);
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        context.Request.EnableBuffering();
        using var copy = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            copy.Write(chunk, 0, read);
            if (copy.Length > limit)
            {
                return null;
            }
        }

        context.Request.Body.Position = 0;
        return copy.ToArray();
    }

    private static string Fingerprint(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        hash.AppendData(body);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
