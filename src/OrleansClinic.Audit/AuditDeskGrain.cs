using NodaTime;
using Orleans.Concurrency;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>Reads and writes the trail where it is (the silos), and checks it against its anchors when they are kept; holds nothing.</summary>
[StatelessWorker]
public sealed class AuditDeskGrain(IAuditTrail trail, IClock clock, AuditAnchorBook? anchorBook = null) : Grain, IAuditDeskGrain
{
    /// <summary>Entries read per page while verifying: bounded memory however long the chain.</summary>
    public const int VerifyPage = 5_000;

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntryView>> Find(AuditQuery query) => [.. (await trail.FindAsync(query)).Select(AuditEntryView.From)];

    /// <inheritdoc />
    public async Task<AuditVerificationView> Verify()
    {
        // Read before the chain: it only grows, so every anchor read must be found in it.
        var anchors = anchorBook is null ? null : AuditAnchor.BySequence(await anchorBook.ReadAllAsync());
        var result = AuditVerification.Empty;
        while (true)
        {
            var page = await trail.ReadChainAsync(result.HeadSequence, VerifyPage);
            result = AuditChain.Verify(page, result, anchors);
            if (!result.Intact || page.Count < VerifyPage)
            {
                result = anchors is null ? result : AuditChain.VerifyReachesAnchors(result, anchors);
                return AuditVerificationView.From(result, anchors is { Count: > 0 } ? anchors.Keys.Max() : null, clock.GetCurrentInstant());
            }
        }
    }

    /// <inheritdoc />
    public Task RecordSignIn(string? userId, bool succeeded, string? correlationId) =>
        trail.RecordAsync(new AuditRecord(
            clock.GetCurrentInstant(), userId ?? "unknown", "none", "auth.sign_in", "user", userId ?? "unknown", correlationId,
            succeeded ? AuditOutcome.Success : AuditOutcome.Denied, null, AuditSource.Gateway, 0));
}
