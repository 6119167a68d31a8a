using NodaTime;
using OrleansClinic.Domain.Scheduling;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

public sealed class AvailabilityTests
{
    private static readonly LocalDate Monday = new(2026, 6, 15);

    [Fact]
    public void A_valid_availability_has_no_errors()
    {
        var availability = new Availability(
            [
                Weekly(IsoDayOfWeek.Monday, "13:00", "17:00"),
                Weekly(IsoDayOfWeek.Monday, "09:00", "12:00"),
                Weekly(IsoDayOfWeek.Tuesday, "09:00", "17:00"),
                Weekly(IsoDayOfWeek.Wednesday, "09:00", "17:00"),
            ],
            [
                new DateException(Monday, []),
                new DateException(Monday.PlusDays(1), [Hours("10:00", "11:00"), Hours("14:00", "15:00")]),
            ]);

        Assert.Empty(availability.Validate());
    }

    [Fact]
    public void No_availability_is_valid()
    {
        Assert.Empty(Availability.None.Validate());
    }

    [Fact]
    public void Windows_that_only_touch_do_not_overlap()
    {
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "09:00", "12:00"), Weekly(IsoDayOfWeek.Monday, "12:00", "15:00")],
            [new DateException(Monday, [Hours("09:00", "10:00"), Hours("10:00", "11:00")])]);

        Assert.Empty(availability.Validate());
    }

    [Fact]
    public void The_same_hours_on_different_weekdays_do_not_overlap()
    {
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "09:00", "17:00"), Weekly(IsoDayOfWeek.Tuesday, "09:00", "17:00")],
            []);

        Assert.Empty(availability.Validate());
    }

    [Theory]
    [InlineData("09:00", "12:00", "11:00", "14:00")]
    [InlineData("09:00", "17:00", "10:00", "11:00")]
    [InlineData("13:00", "17:00", "09:00", "13:01")]
    [InlineData("09:00", "12:00", "09:00", "12:00")]
    public void Overlapping_weekly_windows_on_one_day_are_reported_for_that_day(string aStart, string aEnd, string bStart, string bEnd)
    {
        var availability = new Availability(
            [
                Weekly(IsoDayOfWeek.Monday, aStart, aEnd),
                Weekly(IsoDayOfWeek.Tuesday, "09:00", "17:00"),
                Weekly(IsoDayOfWeek.Monday, bStart, bEnd),
            ],
            []);

        var errors = availability.Validate();

        var error = Assert.Single(errors);
        Assert.Equal("weekly.Monday", error.Key);
        Assert.Equal(["windows on one day must not overlap"], error.Value);
    }

    [Fact]
    public void An_overlap_is_found_whatever_order_the_windows_are_listed_in()
    {
        var availability = new Availability(
            [
                Weekly(IsoDayOfWeek.Friday, "12:30", "14:00"),
                Weekly(IsoDayOfWeek.Friday, "15:00", "16:00"),
                Weekly(IsoDayOfWeek.Friday, "08:00", "09:00"),
                Weekly(IsoDayOfWeek.Friday, "12:00", "13:00"),
            ],
            []);

        Assert.Equal(["weekly.Friday"], availability.Validate().Keys);
    }

    [Theory]
    [InlineData("12:00", "09:00")]
    [InlineData("09:00", "09:00")]
    public void A_weekly_window_that_does_not_end_after_it_starts_is_reported_by_index(string start, string end)
    {
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "07:00", "08:00"), Weekly(IsoDayOfWeek.Tuesday, start, end)],
            []);

        var errors = availability.Validate();

        Assert.Equal(["end must be after start"], errors["weekly[1]"]);
        Assert.False(errors.ContainsKey("weekly[0]"));
    }

    [Fact]
    public void An_exception_window_that_ends_before_it_starts_is_reported_by_index()
    {
        var availability = new Availability(
            [],
            [new DateException(Monday, [Hours("09:00", "10:00")]), new DateException(Monday.PlusDays(1), [Hours("16:00", "10:00")])]);

        var errors = availability.Validate();

        var error = Assert.Single(errors);
        Assert.Equal("exceptions[1]", error.Key);
        Assert.Equal(["end must be after start"], error.Value);
    }

    [Fact]
    public void Overlapping_exception_windows_are_reported_by_index()
    {
        var availability = new Availability(
            [],
            [new DateException(Monday, [Hours("14:00", "16:00"), Hours("09:00", "15:00")])]);

        var errors = availability.Validate();

        var error = Assert.Single(errors);
        Assert.Equal("exceptions[0]", error.Key);
        Assert.Equal(["windows on one day must not overlap"], error.Value);
    }

    [Fact]
    public void Two_exceptions_for_the_same_date_are_reported()
    {
        var availability = new Availability(
            [],
            [
                new DateException(Monday, []),
                new DateException(Monday.PlusDays(1), []),
                new DateException(Monday, [Hours("09:00", "10:00")]),
            ]);

        var errors = availability.Validate();

        var error = Assert.Single(errors);
        Assert.Equal("exceptions", error.Key);
        Assert.Equal(["at most one exception per date"], error.Value);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var availability = new Availability(
            [
                Weekly(IsoDayOfWeek.Monday, "09:00", "08:00"),
                Weekly(IsoDayOfWeek.Wednesday, "09:00", "12:00"),
                Weekly(IsoDayOfWeek.Wednesday, "10:00", "11:00"),
            ],
            [
                new DateException(Monday, [Hours("11:00", "10:00")]),
                new DateException(Monday, [Hours("09:00", "11:00"), Hours("10:00", "12:00")]),
            ]);

        var errors = availability.Validate();

        Assert.Equal(
            ["exceptions", "exceptions[0]", "exceptions[1]", "weekly.Wednesday", "weekly[0]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["windows on one day must not overlap"], errors["exceptions[1]"]);
        Assert.Equal(["end must be after start"], errors["exceptions[0]"]);
    }

    [Fact]
    public void Windows_on_a_weekday_come_from_the_template_for_that_weekday_in_start_order()
    {
        var availability = new Availability(
            [
                Weekly(IsoDayOfWeek.Monday, "14:00", "17:00"),
                Weekly(IsoDayOfWeek.Tuesday, "07:00", "08:00"),
                Weekly(IsoDayOfWeek.Monday, "08:00", "10:00"),
                Weekly(IsoDayOfWeek.Monday, "11:00", "12:00"),
            ],
            []);

        Assert.Equal(
            [Hours("08:00", "10:00"), Hours("11:00", "12:00"), Hours("14:00", "17:00")],
            availability.WindowsOn(Monday));
        Assert.Equal([Hours("07:00", "08:00")], availability.WindowsOn(Monday.PlusDays(1)));
        Assert.Empty(availability.WindowsOn(Monday.PlusDays(2)));
    }

    [Fact]
    public void An_exception_replaces_the_template_on_its_date_and_its_windows_come_in_start_order()
    {
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "09:00", "12:00")],
            [
                new DateException(Monday, [Hours("15:00", "16:00"), Hours("06:00", "07:00")]),
                new DateException(Monday.PlusWeeks(1), []),
            ]);

        Assert.Equal([Hours("06:00", "07:00"), Hours("15:00", "16:00")], availability.WindowsOn(Monday));
        Assert.Empty(availability.WindowsOn(Monday.PlusWeeks(1)));
        Assert.Equal([Hours("09:00", "12:00")], availability.WindowsOn(Monday.PlusWeeks(2)));
    }

    [Fact]
    public void No_availability_has_no_windows_on_any_day()
    {
        for (var date = Monday; date < Monday.PlusWeeks(1); date = date.PlusDays(1))
        {
            Assert.Empty(Availability.None.WindowsOn(date));
        }
    }
}
