using NodaTime;

namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// How long a clinic keeps a patient's health record: <see cref="YearsAfterLastService"/> years after the last service,
/// and for someone seen as a minor at least until their <see cref="MinorKeptUntilAge"/>th birthday, whichever is later.
/// </summary>
/// <remarks>
/// Taking the later of the two for everyone is what Victoria's HPP 4.2 says outright, and it never ends sooner than the
/// NSW and ACT rules (which split the patient into "seen as an adult" and "seen as a minor"): for anyone seen at 18 or
/// older the birthday bound has passed before the years bound, so only the years count.
/// </remarks>
public sealed record RetentionRule
{
    /// <summary>
    /// 7 years after the last service, minors until 25: the rule of every Australian state and territory today, by statute
    /// or by professional guidance (see <see cref="RetentionPolicy"/>).
    /// </summary>
    public static RetentionRule Default { get; } = new(7, 25);

    /// <summary>A rule keeping records <paramref name="yearsAfterLastService"/> years after the last service and minors' until <paramref name="minorKeptUntilAge"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Years outside 1 to 100, or an age outside 18 to 120.</exception>
    public RetentionRule(int yearsAfterLastService, int minorKeptUntilAge)
    {
        // Bounds of sense, not of law (RetentionPolicy checks the law): a minor's record kept "until 12" means nothing, and
        // a century or more is "forever" written so as to overflow the calendar.
        ArgumentOutOfRangeException.ThrowIfLessThan(yearsAfterLastService, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(yearsAfterLastService, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(minorKeptUntilAge, 18);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minorKeptUntilAge, 120);
        YearsAfterLastService = yearsAfterLastService;
        MinorKeptUntilAge = minorKeptUntilAge;
    }

    /// <summary>
    /// The calendar a service is dated in when the clinic's own zone is not at hand: the latest on Earth (UTC+14), so a
    /// record is never counted from a day earlier than any clinic would date it.
    /// </summary>
    public static DateTimeZone LatestCalendar { get; } = DateTimeZone.ForOffset(Offset.FromHours(14));

    /// <summary>Years a record is kept after the last service.</summary>
    public int YearsAfterLastService { get; }

    /// <summary>Age until which the record of someone seen as a minor is kept at least.</summary>
    public int MinorKeptUntilAge { get; }

    /// <summary>True when this rule keeps every record at least as long as <paramref name="minimum"/> does.</summary>
    public bool IsAtLeast(RetentionRule minimum)
    {
        ArgumentNullException.ThrowIfNull(minimum);
        return YearsAfterLastService >= minimum.YearsAfterLastService && MinorKeptUntilAge >= minimum.MinorKeptUntilAge;
    }

    /// <summary>The first day the record of a patient born on <paramref name="dateOfBirth"/>, last served on <paramref name="lastService"/>, may be destroyed.</summary>
    public LocalDate KeepUntil(LocalDate dateOfBirth, LocalDate lastService)
    {
        var afterService = Anniversary(lastService, YearsAfterLastService);
        var adulthood = Anniversary(dateOfBirth, MinorKeptUntilAge);
        return afterService > adulthood ? afterService : adulthood;
    }

    /// <summary>
    /// The first day the record may be destroyed when the last service ended at <paramref name="lastService"/>, counted
    /// from the date that instant falls on in the clinic's zone <paramref name="clinicZone"/>.
    /// </summary>
    public LocalDate KeepUntil(LocalDate dateOfBirth, Instant lastService, DateTimeZone clinicZone)
    {
        ArgumentNullException.ThrowIfNull(clinicZone);
        // The law counts from the day of the service as the clinic dated it: 23:30 on 30 June in Perth is 1 July in Sydney,
        // and a record counted from Sydney's date would be kept a day longer than a Perth clinic must.
        return KeepUntil(dateOfBirth, lastService.InZone(clinicZone).Date);
    }

    /// <summary>
    /// True when retention has ended by <paramref name="today"/>: the record may go on the first day
    /// <see cref="KeepUntil(LocalDate, LocalDate)"/> returns, the same test <see cref="ErasurePlan"/> makes.
    /// </summary>
    public bool IsExpired(LocalDate dateOfBirth, LocalDate lastService, LocalDate today) =>
        KeepUntil(dateOfBirth, lastService) <= today;

    /// <summary>
    /// True when retention has ended at <paramref name="now"/>, with both the last service and today dated in the
    /// clinic's zone <paramref name="clinicZone"/>.
    /// </summary>
    public bool IsExpired(LocalDate dateOfBirth, Instant lastService, DateTimeZone clinicZone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(clinicZone);
        return IsExpired(dateOfBirth, lastService.InZone(clinicZone).Date, now.InZone(clinicZone).Date);
    }

    /// <summary>
    /// The latest last-service day whose record can have reached the end of retention by <paramref name="today"/>,
    /// whatever the patient's age: the minors' bound only ever keeps a record longer, so a record served after this day
    /// is kept and needs no look at the date of birth.
    /// </summary>
    public LocalDate LatestServiceExpiredBy(LocalDate today) => today.PlusYears(-YearsAfterLastService);

    /// <summary>
    /// The instant before which a last contact, dated in <see cref="LatestCalendar"/>, falls on or before
    /// <see cref="LatestServiceExpiredBy"/>: a query for records worth reviewing on <paramref name="today"/>.
    /// </summary>
    public Instant ReviewContactsBefore(LocalDate today) =>
        LatestServiceExpiredBy(today).PlusDays(1).AtStartOfDayInZone(LatestCalendar).ToInstant();

    /// <summary>The rule in words, e.g. "7 years after the last service; minors until 25".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{YearsAfterLastService} years after the last service; minors until {MinorKeptUntilAge}");

    // 29 February's anniversary in a common year is 1 March: a day late rather than a day early, as the law asks
    // "at least" so long.
    private static LocalDate Anniversary(LocalDate date, int years)
    {
        var anniversary = date.PlusYears(years);
        return date is { Month: 2, Day: 29 } && anniversary.Day == 28 ? anniversary.PlusDays(1) : anniversary;
    }
}
