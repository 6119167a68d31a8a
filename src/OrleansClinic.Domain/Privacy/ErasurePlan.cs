using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// What an erasure request (APP 11) can erase today: everything when the clinic holds no health record it must keep;
/// otherwise the contact details now and the rest on the day retention ends.
/// </summary>
/// <param name="EverythingNow">True when the whole record goes now.</param>
/// <param name="RestErasedOn">The day the kept part becomes erasable; null when everything goes now.</param>
public sealed record ErasurePlan(bool EverythingNow, LocalDate? RestErasedOn)
{
    /// <summary>The personal-details fields that go at once even when the health record must stay: how to reach the patient.</summary>
    public static IReadOnlyList<string> ContactFields { get; } = ["email", "phone"];

    /// <summary>
    /// The plan for a patient born on <paramref name="dateOfBirth"/> last served on <paramref name="lastService"/> (null:
    /// never), under the default retention rule.
    /// </summary>
    public static ErasurePlan For(LocalDate dateOfBirth, LocalDate? lastService, LocalDate today) =>
        For(dateOfBirth, lastService, today, RetentionRule.Default);

    /// <summary>
    /// The plan for a patient born on <paramref name="dateOfBirth"/> last served on <paramref name="lastService"/> (null:
    /// never), under the clinic's retention <paramref name="rule"/> (see <see cref="RetentionPolicy.For"/>).
    /// </summary>
    public static ErasurePlan For(LocalDate dateOfBirth, LocalDate? lastService, LocalDate today, RetentionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (lastService is not { } served)
        {
            return new ErasurePlan(true, null);
        }

        return rule.IsExpired(dateOfBirth, served, today)
            ? new ErasurePlan(true, null)
            : new ErasurePlan(false, rule.KeepUntil(dateOfBirth, served));
    }
}
