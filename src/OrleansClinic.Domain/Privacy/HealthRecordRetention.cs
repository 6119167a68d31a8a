using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// How long a patient's health record must be kept: 7 years after the last service, and for someone seen as a minor
/// at least until their 25th birthday, whichever is later (the NSW/ACT/Victorian health-records rules the clinic follows).
/// </summary>
public static class HealthRecordRetention
{
    /// <summary>Years a record is kept after the last service.</summary>
    public const int YearsAfterLastService = 7;

    /// <summary>Age until which a minor's record is kept at least.</summary>
    public const int MinorKeptUntilAge = 25;

    /// <summary>The first day the record may be destroyed.</summary>
    public static LocalDate KeepUntil(LocalDate dateOfBirth, LocalDate lastService)
    {
        var afterService = Anniversary(lastService, YearsAfterLastService);
        var adulthood = Anniversary(dateOfBirth, MinorKeptUntilAge);
        return afterService > adulthood ? afterService : adulthood;
    }

    // 29 February's anniversary in a common year is 1 March: a day late rather than a day early, as the law asks
    // "at least" so long.
    private static LocalDate Anniversary(LocalDate date, int years)
    {
        var anniversary = date.PlusYears(years);
        return date is { Month: 2, Day: 29 } && anniversary.Day == 28 ? anniversary.PlusDays(1) : anniversary;
    }
}
