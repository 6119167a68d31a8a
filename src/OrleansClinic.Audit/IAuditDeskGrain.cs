using Orleans.Concurrency;

namespace OrleansClinic.Audit;

/// <summary>The audit trail as the gateway reaches it: reading, verifying, and recording what only the gateway sees. Use key 0.</summary>
public interface IAuditDeskGrain : IGrainWithIntegerKey
{
    /// <summary>Entries matching <paramref name="query"/>, in chain order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AuditEntryView>> Find(AuditQuery query);

    /// <summary>Checks the whole chain from its first entry, and against the anchors kept in the archive store when there is one.</summary>
    [ReadOnly]
    Task<AuditVerificationView> Verify();

    /// <summary>Records a sign-in: <paramref name="userId"/> when it succeeded, none when refused (the user name is personal information).</summary>
    Task RecordSignIn(string? userId, bool succeeded, string? correlationId);
}
