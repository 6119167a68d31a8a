using NodaTime;
using OrleansClinic.Domain.Privacy;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests.Privacy;

/// <summary>A retention rule: the later of N years after the last service and a minor's Mth birthday, leap days never early, dated in the clinic's zone.</summary>
public sealed class RetentionRuleTests
{
    private const string Perth = "Australia/Perth";

    // Rules a practice may follow anywhere in Australia: none shorter than 7 years / 25.
    public static TheoryData<int, int> LawfulRules => new() { { 7, 25 }, { 10, 25 }, { 8, 28 }, { 15, 30 } };

    [Fact]
    public void The_default_is_seven_years_and_25_the_rule_HealthRecordRetention_has_always_applied()
    {
        Assert.Equal(new RetentionRule(HealthRecordRetention.YearsAfterLastService, HealthRecordRetention.MinorKeptUntilAge), RetentionRule.Default);
        Assert.Equal(new RetentionRule(7, 25), RetentionRule.Default);
        Assert.Equal("7 years after the last service; minors until 25", RetentionRule.Default.ToString());
    }

    [Theory]
    [InlineData(0, 25)]
    [InlineData(-7, 25)]
    [InlineData(101, 25)]
    [InlineData(7, 17)]
    [InlineData(7, 121)]
    public void A_rule_outside_the_bounds_of_sense_is_refused(int years, int age) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionRule(years, age));

    [Theory]
    [InlineData(7, 25, true)]
    [InlineData(10, 25, true)]
    [InlineData(7, 30, true)]
    [InlineData(6, 25, false)]
    [InlineData(7, 24, false)]
    [InlineData(10, 21, false)] // longer after the service, but a child seen at 5 goes at 21
    public void A_rule_is_at_least_another_only_when_neither_bound_is_shorter(int years, int age, bool atLeast) =>
        Assert.Equal(atLeast, new RetentionRule(years, age).IsAtLeast(RetentionRule.Default));

    [Theory]
    [InlineData("1970-01-01", "2024-02-29", 7, 25, "2031-03-01")] // served on 29 Feb: 7 years on is 1 March, never 28 February
    [InlineData("1970-01-01", "2024-02-29", 10, 25, "2034-03-01")]
    [InlineData("1970-01-01", "2024-02-29", 8, 25, "2032-02-29")] // 8 years on is a leap year: 29 February itself
    [InlineData("2000-02-29", "2024-02-28", 7, 25, "2031-02-28")] // born on 29 Feb, served on the 28th: no shift
    [InlineData("2012-02-29", "2024-02-29", 7, 25, "2037-03-01")] // born on 29 Feb: the 25th birthday in a common year is 1 March
    [InlineData("2012-02-29", "2024-02-29", 10, 25, "2037-03-01")]
    [InlineData("2012-02-29", "2024-02-29", 13, 25, "2037-03-01")] // both bounds land on 1 March 2037
    [InlineData("2012-02-29", "2024-02-29", 15, 25, "2039-03-01")] // 15 years on outlasts the 25th birthday
    [InlineData("2012-02-29", "2024-02-29", 7, 28, "2040-02-29")] // the 28th birthday is in a leap year
    public void Leap_day_anniversaries_fall_on_1_March_in_common_years_for_every_rule(string born, string lastService, int years, int age, string until) =>
        Assert.Equal(Date(until), new RetentionRule(years, age).KeepUntil(Date(born), Date(lastService)));

    [Fact]
    public void HealthRecordRetention_is_the_default_rule() =>
        Assert.Equal(RetentionRule.Default.KeepUntil(Date("2012-02-29"), Date("2024-02-29")), HealthRecordRetention.KeepUntil(Date("2012-02-29"), Date("2024-02-29")));

    [Theory]
    [InlineData("2026-06-30T15:30:00Z", Perth, "2033-06-30")] // 23:30 on 30 June in Perth
    [InlineData("2026-06-30T15:30:00Z", Sydney, "2033-07-01")] // the same instant is 01:30 on 1 July in Sydney
    [InlineData("2024-02-28T15:30:00Z", Perth, "2031-02-28")] // 23:30 on 28 February in Perth
    [InlineData("2024-02-28T15:30:00Z", Sydney, "2031-03-01")] // 02:30 on 29 February in Sydney (daylight time): 1 March
    [InlineData("2024-02-29T15:30:00Z", Perth, "2031-03-01")] // 29 February in Perth, 1 March in Sydney: the same end
    [InlineData("2024-02-29T15:30:00Z", Sydney, "2031-03-01")]
    [InlineData("2025-02-28T15:30:00Z", Perth, "2032-02-28")] // 23:30 on 28 February 2025 in Perth; 2032 is a leap year
    [InlineData("2025-02-28T15:30:00Z", Sydney, "2032-03-01")] // 1 March in Sydney: two days later, past 29 February 2032
    [InlineData("2026-06-30T13:45:00Z", Sydney, "2033-06-30")] // winter: 23:45 in Sydney (+10)
    [InlineData("2026-06-30T13:45:00Z", LordHowe, "2033-07-01")] // but 00:15 on Lord Howe (+10:30)
    [InlineData("2026-06-30T13:45:00Z", Adelaide, "2033-06-30")] // 23:15 in Adelaide (+9:30)
    [InlineData("2026-12-31T13:15:00Z", Sydney, "2034-01-01")] // summer: 00:15 in Sydney (+11)
    [InlineData("2026-12-31T13:15:00Z", LordHowe, "2034-01-01")] // Lord Howe moves only half an hour: +11 too
    [InlineData("2026-12-31T13:15:00Z", Adelaide, "2033-12-31")] // 23:45 in Adelaide (+10:30)
    [InlineData("2026-12-31T13:15:00Z", Brisbane, "2033-12-31")] // 23:15 in Brisbane, which keeps no daylight time
    public void The_last_service_is_dated_in_the_clinics_zone(string lastService, string zoneId, string until) =>
        Assert.Equal(Date(until), RetentionRule.Default.KeepUntil(Date("1980-05-10"), Moment(lastService), Zone(zoneId)));

    [Theory]
    [InlineData(Perth, true)] // served 23:30 on 30 June 2019 in Perth: retention ends on 30 June 2026, which is today there
    [InlineData(Sydney, false)] // the same instant was 1 July 2019 in Sydney: ends tomorrow
    public void Expiry_dates_the_service_and_today_in_the_clinics_zone(string zoneId, bool expired)
    {
        var lastService = Moment("2019-06-30T15:30:00Z");
        var now = Moment("2026-06-30T10:00:00Z"); // 18:00 in Perth, 20:00 in Sydney, both 30 June

        Assert.Equal(expired, RetentionRule.Default.IsExpired(Date("1980-05-10"), lastService, Zone(zoneId), now));
    }

    [Fact]
    public void Retention_ends_on_the_first_day_KeepUntil_returns()
    {
        var rule = new RetentionRule(10, 25);
        Assert.False(rule.IsExpired(Date("1960-01-01"), Date("2016-11-29"), Date("2026-11-28")));
        Assert.True(rule.IsExpired(Date("1960-01-01"), Date("2016-11-29"), Date("2026-11-29")));
    }

    [Theory]
    [MemberData(nameof(LawfulRules))]
    public void Never_ends_before_either_bound_nor_later_than_needed_over_many_random_patients(int years, int age)
    {
        var rule = new RetentionRule(years, age);
        var random = new Random(20261130 + (years * 100) + age);
        for (var i = 0; i < 20_000; i++)
        {
            var born = new LocalDate(1930, 1, 1).PlusDays(random.Next(365 * 95));
            var served = born.PlusDays(random.Next(365 * 95));
            var until = rule.KeepUntil(born, served);

            Assert.True(Period.Between(served, until, PeriodUnits.Years).Years >= years, $"{rule}: {born} {served} {until}");
            Assert.True(Period.Between(born, until, PeriodUnits.Years).Years >= age, $"{rule}: {born} {served} {until}");
            // A day earlier falls short of one of the two (NodaTime counts 28 February as a 29 February's anniversary,
            // which the rule deliberately does not).
            var dayBefore = until.PlusDays(-1);
            Assert.True(
                born is { Month: 2, Day: 29 } || served is { Month: 2, Day: 29 } ||
                Period.Between(served, dayBefore, PeriodUnits.Years).Years < years || Period.Between(born, dayBefore, PeriodUnits.Years).Years < age,
                $"{rule}: {born} {served} {until}");
            // A longer rule never lets a record go sooner than the default.
            Assert.True(until >= RetentionRule.Default.KeepUntil(born, served), $"{rule}: {born} {served} {until}");
        }
    }

    [Theory]
    [MemberData(nameof(LawfulRules))]
    public void ErasurePlan_and_IsExpired_agree_over_many_random_patients(int years, int age)
    {
        var rule = new RetentionRule(years, age);
        var random = new Random(20261201 + (years * 100) + age);
        for (var i = 0; i < 5_000; i++)
        {
            var born = new LocalDate(1930, 1, 1).PlusDays(random.Next(365 * 95));
            var served = born.PlusDays(random.Next(365 * 95));
            var today = served.PlusDays(random.Next(365 * 40));
            var plan = ErasurePlan.For(born, served, today, rule);

            Assert.Equal(rule.IsExpired(born, served, today), plan.EverythingNow);
            Assert.Equal(plan.EverythingNow ? null : rule.KeepUntil(born, served), plan.RestErasedOn);
        }
    }

    [Theory]
    [MemberData(nameof(LawfulRules))]
    public void Dating_on_the_latest_calendar_on_Earth_is_never_a_day_early_in_any_Australian_zone(int years, int age)
    {
        // ErasureRequestGrain dates the last service at UTC+14 when it does not know the clinic's zone.
        var rule = new RetentionRule(years, age);
        var latest = RetentionRule.LatestCalendar;
        string[] zones = [.. AustralianZones, Perth, "Australia/Darwin", "Australia/Hobart", "Australia/Eucla"];
        var random = new Random(20261202 + (years * 100) + age);
        for (var i = 0; i < 20_000; i++)
        {
            var born = new LocalDate(1930, 1, 1).PlusDays(random.Next(365 * 95));
            var served = Instant.FromUtc(1990, 1, 1, 0, 0).Plus(Duration.FromMinutes(random.NextInt64(60L * 24 * 365 * 40)));
            var zone = Zone(zones[random.Next(zones.Length)]);
            var local = rule.KeepUntil(born, served, zone);

            Assert.Equal(rule.KeepUntil(born, served.InZone(zone).Date), local);
            // Never early, and late by the day UTC+14 runs ahead, or two when that day is 28 February of a common year
            // and the anniversary's year is a leap year (1 March then comes after 29 February).
            var days = Period.Between(local, rule.KeepUntil(born, served, latest), PeriodUnits.Days).Days;
            Assert.True(days is 0 or 1 or 2, $"{rule}: {born} {served} {zone.Id} {local} +{days}");
        }
    }

    [Theory]
    [MemberData(nameof(LawfulRules))]
    public void A_record_the_review_query_passes_over_is_never_one_whose_retention_ended(int years, int age)
    {
        // The purge asks the database for records last contacted before ReviewContactsBefore(today) and reads a date
        // of birth only for those: a record left out must be one the rule still keeps, birthdays and leap days included.
        var rule = new RetentionRule(years, age);
        var random = new Random(20261203 + (years * 100) + age);
        for (var i = 0; i < 20_000; i++)
        {
            var born = new LocalDate(1930, 1, 1).PlusDays(random.Next(365 * 95));
            var contact = Instant.FromUtc(1990, 1, 1, 0, 0).Plus(Duration.FromMinutes(random.NextInt64(60L * 24 * 365 * 40)));
            var served = contact.InZone(RetentionRule.LatestCalendar).Date;
            var today = served.PlusDays(random.Next(-30, 365 * 40));
            if (rule.IsExpired(born, served, today))
            {
                Assert.True(contact < rule.ReviewContactsBefore(today), $"{rule}: born {born}, contact {contact}, today {today}");
                Assert.True(served <= rule.LatestServiceExpiredBy(today), $"{rule}: born {born}, served {served}, today {today}");
            }
        }
    }

    [Fact]
    public void The_review_query_reaches_a_leap_day_service_on_the_day_its_record_may_go()
    {
        var rule = new RetentionRule(7, 25);
        var served = Date("2024-02-29");
        var born = Date("1970-06-01");

        // 29 February 2031 does not exist: the record may go on 1 March, and the query must take it in that day.
        Assert.False(rule.IsExpired(born, served, Date("2031-02-28")));
        Assert.True(rule.IsExpired(born, served, Date("2031-03-01")));
        Assert.True(served <= rule.LatestServiceExpiredBy(Date("2031-03-01")));
        Assert.True(Moment("2024-02-29T09:00:00Z") < rule.ReviewContactsBefore(Date("2031-03-01")));
        // Dated at UTC+14: 09:59:59 UTC on the 28th is still the 28th there and is reviewed on 28 February 2031; ten
        // o'clock is the 29th already, whose record waits until March.
        Assert.True(Moment("2024-02-28T09:59:59Z") < rule.ReviewContactsBefore(Date("2031-02-28")));
        Assert.False(Moment("2024-02-28T10:00:00Z") < rule.ReviewContactsBefore(Date("2031-02-28")));
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    private static Instant Moment(string iso) => NodaTime.Text.InstantPattern.General.Parse(iso).Value;
}
