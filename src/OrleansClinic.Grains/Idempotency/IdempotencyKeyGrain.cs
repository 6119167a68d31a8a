using NodaTime;
using OrleansClinic.Grains.Abstractions.Idempotency;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Idempotency;

/// <summary>
/// One caller's idempotency key, remembered durably: the first request runs, a retry gets the first response, a
/// different request with the same key is refused.
/// </summary>
public sealed class IdempotencyKeyGrain(
    [PersistentState(ClinicStorage.IdempotencyKey, ClinicStorage.ProviderName)] IPersistentState<IdempotencyKeyState> state,
    IClock clock) : Grain, IIdempotencyKeyGrain
{
    /// <summary>
    /// An attempt that has not answered in this long is taken to have died (with its gateway, or with the silo that was
    /// to record its outcome); a retry may then run the operation again under the same operation id. That is safe even
    /// if the first attempt is in fact still running: the grains treat a repeat of one operation as the same operation.
    /// Slightly longer than the default grain-call timeout, so a live attempt normally answers first.
    /// </summary>
    internal static readonly Duration AttemptTimeout = Duration.FromSeconds(35);

    /// <inheritdoc />
    public async Task<IdempotencyClaim> Claim(string requestFingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestFingerprint);
        var s = state.State;
        var now = clock.GetCurrentInstant();
        if (s.Fingerprint is not null && s.Fingerprint != requestFingerprint)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch, s.OperationId!, null);
        }

        if (s.Response is not null)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Replay, s.OperationId!, s.Response);
        }

        if (s.ClaimedAt is { } claimedAt && now - claimedAt < AttemptTimeout)
        {
            return new IdempotencyClaim(IdempotencyOutcome.InFlight, s.OperationId!, null);
        }

        s.Fingerprint = requestFingerprint;
        s.OperationId ??= Guid.CreateVersion7().ToString("N");
        s.FirstUsedAt ??= now;
        s.ClaimedAt = now;
        await this.SaveAsync(state);
        return new IdempotencyClaim(IdempotencyOutcome.Proceed, s.OperationId, null);
    }

    /// <inheritdoc />
    public async Task Complete(StoredResponse response)
    {
        state.State.Response = response;
        state.State.ClaimedAt = null;
        await this.SaveAsync(state);
    }

    /// <inheritdoc />
    public async Task Abandon()
    {
        if (state.State.ClaimedAt is not null && state.State.Response is null)
        {
            state.State.ClaimedAt = null;
            await this.SaveAsync(state);
        }
    }
}
