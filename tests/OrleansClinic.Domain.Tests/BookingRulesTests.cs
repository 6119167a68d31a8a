using NodaTime;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Scheduling;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

public sealed class BookingRulesTests
{
    // Monday 15 June 2026 in Sydney (+10), 09:00–12:00 in 15-minute slots: 09:00 local is 23:00 UTC on the 14th.
    private static readonly DateTimeZone Zone = Clinic.Zone(Sydney);
    private static readonly LocalDate Day = new(2026, 6, 15);
    private static readonly IReadOnlyList<Slot> DaySlots =
        SlotCalendar.SlotsFor(Day, Zone, Duration.FromMinutes(15), OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "12:00")));
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 10, 0, 0);

    private static Instant Local(string hhmm) => Day.At(At(hhmm)).InZoneStrictly(Zone).ToInstant();

    [Theory]
    [InlineData("09:00")]
    [InlineData("10:30")]
    [InlineData("11:45")]
    public void An_exact_slot_start_passes_and_returns_the_slot(string hhmm)
    {
        var start = Local(hhmm);

        var rejection = BookingRules.CheckStart(start, DaySlots, Now, BookingPolicy.Default, out var slot);

        Assert.Equal(BookingRejection.None, rejection);
        Assert.Equal(start, slot.Start);
        Assert.Equal(start + Duration.FromMinutes(15), slot.End);
        Assert.Contains(slot, DaySlots);
    }

    [Theory]
    [InlineData("09:10")]
    [InlineData("09:01")]
    [InlineData("11:59")]
    public void A_start_off_the_slot_grid_is_not_a_slot(string hhmm)
    {
        var rejection = BookingRules.CheckStart(Local(hhmm), DaySlots, Now, BookingPolicy.Default, out var slot);

        Assert.Equal(BookingRejection.NotASlot, rejection);
        Assert.Equal(default, slot);
    }

    [Theory]
    [InlineData("08:45")]
    [InlineData("12:00")]
    [InlineData("13:00")]
    [InlineData("00:00")]
    public void A_start_outside_working_hours_is_not_a_slot(string hhmm)
    {
        var rejection = BookingRules.CheckStart(Local(hhmm), DaySlots, Now, BookingPolicy.Default, out var slot);

        Assert.Equal(BookingRejection.NotASlot, rejection);
        Assert.Equal(default, slot);
    }

    [Fact]
    public void A_start_one_second_off_a_slot_is_not_a_slot()
    {
        var rejection = BookingRules.CheckStart(Local("10:00") + Duration.FromSeconds(1), DaySlots, Now, BookingPolicy.Default, out _);

        Assert.Equal(BookingRejection.NotASlot, rejection);
    }

    [Fact]
    public void A_slot_in_the_past_is_rejected_even_though_it_is_on_the_grid()
    {
        var now = Local("10:00");

        var rejection = BookingRules.CheckStart(Local("09:45"), DaySlots, now, BookingPolicy.Default, out var slot);

        Assert.Equal(BookingRejection.InPast, rejection);
        Assert.Equal(default, slot);
    }

    [Fact]
    public void A_slot_starting_right_now_passes_without_minimum_notice()
    {
        var now = Local("10:00");

        var rejection = BookingRules.CheckStart(now, DaySlots, now, BookingPolicy.Default, out var slot);

        Assert.Equal(BookingRejection.None, rejection);
        Assert.Equal(now, slot.Start);
    }

    [Fact]
    public void A_slot_inside_the_minimum_notice_is_rejected_as_in_the_past()
    {
        var policy = BookingPolicy.Default with { MinNotice = Duration.FromHours(2) };
        var now = Local("09:00");

        Assert.Equal(BookingRejection.InPast, BookingRules.CheckStart(Local("09:15"), DaySlots, now, policy, out _));
        Assert.Equal(BookingRejection.InPast, BookingRules.CheckStart(Local("10:45"), DaySlots, now, policy, out _));
        Assert.Equal(BookingRejection.InPast, BookingRules.CheckStart(Local("11:00"), DaySlots, now + Duration.FromTicks(1), policy, out _));
        Assert.Equal(BookingRejection.None, BookingRules.CheckStart(Local("11:00"), DaySlots, now, policy, out var slot));
        Assert.Equal(Local("11:00"), slot.Start);
    }

    [Fact]
    public void A_slot_further_ahead_than_the_maximum_advance_is_rejected()
    {
        var policy = BookingPolicy.Default with { MaxAdvance = Duration.FromDays(30) };
        var start = Local("10:00");

        Assert.Equal(BookingRejection.TooFarAhead, BookingRules.CheckStart(start, DaySlots, start - Duration.FromDays(31), policy, out var slot));
        Assert.Equal(default, slot);
        Assert.Equal(BookingRejection.TooFarAhead, BookingRules.CheckStart(start, DaySlots, start - Duration.FromDays(30) - Duration.FromTicks(1), policy, out _));
        Assert.Equal(BookingRejection.None, BookingRules.CheckStart(start, DaySlots, start - Duration.FromDays(30), policy, out _));
    }

    [Fact]
    public void The_default_policy_books_up_to_366_days_ahead_with_no_notice_and_31_day_queries()
    {
        Assert.Equal(Duration.FromDays(366), BookingPolicy.Default.MaxAdvance);
        Assert.Equal(Duration.Zero, BookingPolicy.Default.MinNotice);
        Assert.Equal(Duration.FromDays(31), BookingPolicy.Default.MaxQueryRange);

        var start = Local("10:00");
        Assert.Equal(BookingRejection.None, BookingRules.CheckStart(start, DaySlots, start - Duration.FromDays(366), BookingPolicy.Default, out _));
        Assert.Equal(BookingRejection.TooFarAhead, BookingRules.CheckStart(start, DaySlots, start - Duration.FromDays(367), BookingPolicy.Default, out _));
    }

    [Fact]
    public void Timing_is_checked_before_the_grid()
    {
        var offGrid = Local("09:10");

        Assert.Equal(BookingRejection.InPast, BookingRules.CheckStart(offGrid, DaySlots, Local("10:00"), BookingPolicy.Default, out _));
        Assert.Equal(BookingRejection.TooFarAhead, BookingRules.CheckStart(offGrid, DaySlots, offGrid - Duration.FromDays(400), BookingPolicy.Default, out _));
    }

    [Fact]
    public void No_slots_means_nothing_can_be_booked()
    {
        Assert.Equal(BookingRejection.NotASlot, BookingRules.CheckStart(Local("10:00"), [], Now, BookingPolicy.Default, out _));
    }

    [Fact]
    public void Missing_slots_or_policy_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => BookingRules.CheckStart(Local("10:00"), null!, Now, BookingPolicy.Default, out _));
        Assert.Throws<ArgumentNullException>(() => BookingRules.CheckStart(Local("10:00"), DaySlots, Now, null!, out _));
        Assert.Throws<ArgumentNullException>(() => BookingRules.IsQueryRangeAllowed(Now, Now + Duration.FromDays(1), null!));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-31L * 24 * 3600)]
    public void A_reversed_query_range_is_not_allowed(long seconds)
    {
        Assert.False(BookingRules.IsQueryRangeAllowed(Now, Now + Duration.FromSeconds(seconds), BookingPolicy.Default));
    }

    [Fact]
    public void An_empty_query_range_is_not_allowed()
    {
        Assert.False(BookingRules.IsQueryRangeAllowed(Now, Now, BookingPolicy.Default));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(7, 0)]
    [InlineData(31, 0)]
    public void A_query_range_of_up_to_31_days_is_allowed(int days, int seconds)
    {
        Assert.True(BookingRules.IsQueryRangeAllowed(Now, Now + Duration.FromDays(days) + Duration.FromSeconds(seconds), BookingPolicy.Default));
    }

    [Theory]
    [InlineData(31, 1)]
    [InlineData(32, 0)]
    [InlineData(366, 0)]
    [InlineData(3 * 365, 0)]
    public void A_query_range_wider_than_31_days_is_not_allowed(int days, int seconds)
    {
        Assert.False(BookingRules.IsQueryRangeAllowed(Now, Now + Duration.FromDays(days) + Duration.FromSeconds(seconds), BookingPolicy.Default));
    }

    [Fact]
    public void The_query_range_limit_comes_from_the_policy()
    {
        var weekly = BookingPolicy.Default with { MaxQueryRange = Duration.FromDays(7) };

        Assert.True(BookingRules.IsQueryRangeAllowed(Now, Now + Duration.FromDays(7), weekly));
        Assert.False(BookingRules.IsQueryRangeAllowed(Now, Now + Duration.FromDays(8), weekly));
    }
}
