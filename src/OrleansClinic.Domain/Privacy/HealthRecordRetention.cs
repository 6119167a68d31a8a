using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// The default retention (<see cref="RetentionRule.Default"/>: 7 years after the last service, minors until their 25th
/// birthday, whichever is later) for callers that know no state; <see cref="RetentionPolicy"/> has the rule per state.
/// </summary>
public static class HealthRecordRetention
{
    /// <summary>Years the default rule keeps a record after the last service.</summary>
    public const int YearsAfterLastService = 7;

    /// <summary>Age until which the default rule keeps a minor's record at least.</summary>
    public const int MinorKeptUntilAge = 25;

    /// <summary>The first day the record may be destroyed under the default rule.</summary>
    public static LocalDate KeepUntil(LocalDate dateOfBirth, LocalDate lastService) =>
        RetentionRule.Default.KeepUntil(dateOfBirth, lastService);
}
