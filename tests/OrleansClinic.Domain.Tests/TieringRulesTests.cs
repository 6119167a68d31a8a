using NodaTime;
using OrleansClinic.Domain.Archival;

namespace OrleansClinic.Domain.Tests;

/// <summary>When appointments leave the hot store: the hot window counted back on the calendar.</summary>
public sealed class TieringRulesTests
{
    [Theory]
    [InlineData("2026-11-29T10:00:00Z", "P13M", "2025-10-29T10:00:00Z")]
    [InlineData("2026-03-31T00:00:00Z", "P13M", "2025-02-28T00:00:00Z")] // no 31 February: the month's last day
    [InlineData("2028-02-29T12:00:00Z", "P1Y", "2027-02-28T12:00:00Z")]
    [InlineData("2026-11-29T10:00:00Z", "P90D", "2026-08-31T10:00:00Z")]
    public void The_hot_window_is_counted_back_on_the_calendar(string now, string window, string expected) =>
        Assert.Equal(
            NodaTime.Text.InstantPattern.ExtendedIso.Parse(expected).Value,
            TieringRules.EndedBefore(NodaTime.Text.InstantPattern.ExtendedIso.Parse(now).Value, NodaTime.Text.PeriodPattern.NormalizingIso.Parse(window).Value));

    [Theory]
    [InlineData("P0D")]
    [InlineData("PT12H")]
    [InlineData("P-1M")]
    public void A_window_that_is_not_a_positive_calendar_period_is_refused(string window) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TieringRules.EndedBefore(Instant.FromUtc(2026, 1, 1, 0, 0), NodaTime.Text.PeriodPattern.NormalizingIso.Parse(window).Value));

    [Fact]
    public void Over_many_days_nothing_younger_than_the_window_is_ever_past_it()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 5_000; i++)
        {
            var now = Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromMinutes(random.Next(0, 3 * 525_600));
            var cutoff = TieringRules.EndedBefore(now, TieringRules.DefaultHotWindow);
            Assert.True(now - cutoff >= Duration.FromDays(365 + 28), $"{now} -> {cutoff}");
            Assert.True(now - cutoff <= Duration.FromDays(366 + 31), $"{now} -> {cutoff}");
        }
    }
}
