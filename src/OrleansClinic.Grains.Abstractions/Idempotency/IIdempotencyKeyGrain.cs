namespace OrleansClinic.Grains.Abstractions.Idempotency;

/// <summary>
/// One caller's <c>Idempotency-Key</c>: remembers the request it was first used with and the response it got, so a retry
/// is answered with the original response. Keyed by <c>caller|key</c>.
/// </summary>
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request with the given fingerprint, or says why the request must not run.</summary>
    Task<IdempotencyClaim> Claim(string requestFingerprint);

    /// <summary>Stores the response of the request that claimed the key.</summary>
    Task Complete(StoredResponse response);

    /// <summary>Gives the key up after a failure that left nothing worth replaying, so the caller may retry.</summary>
    Task Abandon();
}

/// <summary>What to do with a request carrying an idempotency key.</summary>
public enum IdempotencyOutcome
{
    /// <summary>First use (or a retry after an abandoned attempt): run the request.</summary>
    Proceed,

    /// <summary>Already answered: send <see cref="IdempotencyClaim.Response"/> again.</summary>
    Replay,

    /// <summary>The first request with this key is still running.</summary>
    InFlight,

    /// <summary>The key was used with a different request.</summary>
    Mismatch,
}

/// <summary>The answer to <see cref="IIdempotencyKeyGrain.Claim"/>; <see cref="OperationId"/> is stable across retries of one request.</summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] string OperationId,
    [property: Id(2)] StoredResponse? Response);

/// <summary>An HTTP response kept for replay.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string ContentType,
    [property: Id(2)] string Body,
    [property: Id(3)] string? Location);
