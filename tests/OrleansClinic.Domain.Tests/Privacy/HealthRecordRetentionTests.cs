using NodaTime;
using OrleansClinic.Domain.Privacy;

namespace OrleansClinic.Domain.Tests.Privacy;

/// <summary>Retention of health records: 7 years after the last service, minors until 25, leap days never early.</summary>
public sealed class HealthRecordRetentionTests
{
    [Theory]
    [InlineData("1980-05-10", "2026-03-02", "2033-03-02")] // adult: 7 years after the last service
    [InlineData("2015-06-01", "2026-03-02", "2040-06-01")] // seen at 10: until the 25th birthday, later than 2033
    [InlineData("2008-06-01", "2026-03-02", "2033-06-01")] // seen at 17: 25th birthday and 7 years coincide within months
    [InlineData("2001-01-01", "2019-01-01", "2026-01-01")] // seen on the 18th birthday: 7 years is the later
    [InlineData("2012-02-29", "2026-03-02", "2037-03-01")] // born on 29 Feb: the 25th birthday in a common year is 1 March
    [InlineData("1970-01-01", "2024-02-29", "2031-03-01")] // served on 29 Feb: 7 years on is 1 March, never 28 February
    [InlineData("1970-01-01", "2024-02-28", "2031-02-28")]
    public void Keeps_the_record_until_the_later_of_seven_years_and_the_25th_birthday(string born, string lastService, string until) =>
        Assert.Equal(Date(until), HealthRecordRetention.KeepUntil(Date(born), Date(lastService)));

    [Fact]
    public void Never_ends_before_seven_years_or_before_25_over_many_random_patients()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 20_000; i++)
        {
            var born = new LocalDate(1930, 1, 1).PlusDays(random.Next(365 * 95));
            var served = born.PlusDays(random.Next(365 * 95));
            var until = HealthRecordRetention.KeepUntil(born, served);

            Assert.True(Period.Between(served, until, PeriodUnits.Years).Years >= 7, $"{born} {served} {until}");
            Assert.True(Period.Between(born, until, PeriodUnits.Years).Years >= 25, $"{born} {served} {until}");
            // And no longer than needed: a day earlier falls short of one of the two (NodaTime counts 28 February as a
            // 29 February's anniversary, which this rule deliberately does not).
            var dayBefore = until.PlusDays(-1);
            Assert.True(
                born is { Month: 2, Day: 29 } || served is { Month: 2, Day: 29 } ||
                Period.Between(served, dayBefore, PeriodUnits.Years).Years < 7 || Period.Between(born, dayBefore, PeriodUnits.Years).Years < 25,
                $"{born} {served} {until}");
        }
    }

    [Fact]
    public void A_patient_never_served_is_erased_whole_at_once()
    {
        var plan = ErasurePlan.For(Date("1990-04-01"), null, Date("2026-11-29"));
        Assert.True(plan.EverythingNow);
        Assert.Null(plan.RestErasedOn);
    }

    [Fact]
    public void A_patient_served_recently_loses_contact_details_now_and_the_rest_when_retention_ends()
    {
        var plan = ErasurePlan.For(Date("1990-04-01"), Date("2026-11-20"), Date("2026-11-29"));
        Assert.False(plan.EverythingNow);
        Assert.Equal(Date("2033-11-20"), plan.RestErasedOn);
        Assert.Equal(["email", "phone"], ErasurePlan.ContactFields);
    }

    [Theory]
    [InlineData("2019-11-29", true)] // retention ends today: erasable now
    [InlineData("2019-11-30", false)]
    public void Retention_that_ended_lets_everything_go(string lastService, bool everything) =>
        Assert.Equal(everything, ErasurePlan.For(Date("1960-01-01"), Date(lastService), Date("2026-11-29")).EverythingNow);

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
