using System.Security.Cryptography;
using System.Text;
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
    public Task<IdempotencyClaim> Claim(string requestFingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestFingerprint);
        var s = state.State;
        var now = clock.GetCurrentInstant();
        if (s.Fingerprint is not null && s.Fingerprint != requestFingerprint)
        {
            return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.Mismatch, s.OperationId!, null));
        }

        if (s.Response is not null)
        {
            return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.Replay, s.OperationId!, s.Response));
        }

        if (s.ClaimedAt is { } claimedAt && now - claimedAt < AttemptTimeout)
        {
            return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.InFlight, s.OperationId!, null));
        }

        // The claim is kept in memory only and written with the response: a write per request saved on the booking
        // path. The key has one activation, so concurrent retries still see it in flight; a retry after that
        // activation's silo died proceeds, under the same operation id (derived from the key, so it needs no record),
        // and the grains treat the repeat as the same operation. Only in that window is a different request with the
        // key not refused as a mismatch: it then meets the first attempt's outcome (e.g. 409, the appointment exists).
        s.Fingerprint = requestFingerprint;
        s.OperationId ??= OperationIdFor(this.GetPrimaryKeyString());
        s.FirstUsedAt ??= now;
        s.ClaimedAt = now;
        return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.Proceed, s.OperationId, null));
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

            // Only a claim an earlier version wrote down needs clearing in the store; this one's is in memory.
            if (state.RecordExists)
            {
                await this.SaveAsync(state);
            }
        }
    }

    /// <summary>The operation id of a key: 32 hex digits of its SHA-256, the same on every activation and retry.</summary>
    internal static string OperationIdFor(string grainKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grainKey)))[..32];
}
