using NodaTime;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>The result of checking the whole chain, and the anchors kept outside the database, as an admin reads it.</summary>
/// <param name="Intact">True when the chain verifies and passes through every anchor.</param>
/// <param name="Entries">How many entries were found intact.</param>
/// <param name="HeadSequence">The last intact entry's sequence.</param>
/// <param name="HeadHash">The last intact entry's hash, lowercase hex.</param>
/// <param name="BrokenAt">The first entry found wrong or missing, or null.</param>
/// <param name="Problem">What is wrong there, or null.</param>
/// <param name="CheckedAt">When the check ended.</param>
/// <param name="AnchorsChecked">How many anchors were compared with the chain (a failing one included; 0 without an archive store).</param>
/// <param name="AnchoredSequence">The newest anchored entry, or null when no anchor is kept.</param>
[GenerateSerializer, Immutable]
public sealed record AuditVerificationView(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Entries,
    [property: Id(2)] long HeadSequence,
    [property: Id(3)] string HeadHash,
    [property: Id(4)] long? BrokenAt,
    [property: Id(5)] string? Problem,
    [property: Id(6)] Instant CheckedAt,
    [property: Id(7)] long AnchorsChecked,
    [property: Id(8)] long? AnchoredSequence)
{
    /// <summary>The view of <paramref name="result"/> against anchors up to <paramref name="anchoredSequence"/>, checked at <paramref name="at"/>.</summary>
    public static AuditVerificationView From(AuditVerification result, long? anchoredSequence, Instant at)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.Intact, result.Entries, result.HeadSequence, Convert.ToHexStringLower(result.HeadHash.Span), result.BrokenAt, result.Problem, at,
            result.AnchorsChecked, anchoredSequence);
    }
}
