using NodaTime;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>The result of checking the whole chain, as an admin reads it.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditVerificationView(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Entries,
    [property: Id(2)] long HeadSequence,
    [property: Id(3)] string HeadHash,
    [property: Id(4)] long? BrokenAt,
    [property: Id(5)] string? Problem,
    [property: Id(6)] Instant CheckedAt)
{
    /// <summary>The view of <paramref name="result"/>, checked at <paramref name="at"/>.</summary>
    public static AuditVerificationView From(AuditVerification result, Instant at)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Intact, result.Entries, result.HeadSequence, Convert.ToHexStringLower(result.HeadHash.Span), result.BrokenAt, result.Problem, at);
    }
}
