using NodaTime;
using OrleansClinic.Domain.Scheduling;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

/// <summary>Slots of ordinary days, date exceptions and slot length validation.</summary>
public sealed partial class SlotCalendarTests
{
    // A Monday in the Sydney winter (+10:00) and one in the Sydney summer (+11:00).
    private static readonly LocalDate WinterMonday = new(2026, 6, 15);
    private static readonly LocalDate SummerMonday = new(2026, 1, 12);

    [Theory]
    [InlineData(15, 12)]
    [InlineData(20, 9)]
    [InlineData(30, 6)]
    [InlineData(45, 4)]
    [InlineData(60, 3)]
    public void A_morning_from_nine_to_twelve_is_cut_into_whole_slots(int slotMinutes, int expectedCount)
    {
        var zone = Zone(Sydney);
        var length = Duration.FromMinutes(slotMinutes);

        var slots = SlotCalendar.SlotsFor(WinterMonday, zone, length, OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "12:00")));

        Assert.Equal(expectedCount, slots.Count);
        var expectedStarts = Enumerable.Range(0, expectedCount)
            .Select(i => new LocalDateTime(2026, 6, 15, 9, 0).PlusMinutes(i * slotMinutes))
            .ToList();
        Assert.Equal(expectedStarts, slots.Select(s => s.Start.InZone(zone).LocalDateTime));
        Assert.All(slots, s => Assert.Equal(length, s.End - s.Start));
        Assert.Equal(Instant.FromUtc(2026, 6, 15, 2, 0), slots[^1].End);
    }

    [Fact]
    public void Winter_slots_are_at_plus_ten_and_summer_slots_at_plus_eleven_in_Sydney()
    {
        var zone = Zone(Sydney);
        var availability = OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "12:00"));

        var winter = SlotCalendar.SlotsFor(WinterMonday, zone, Duration.FromMinutes(15), availability);
        var summer = SlotCalendar.SlotsFor(SummerMonday, zone, Duration.FromMinutes(15), availability);

        // 09:00 local on 15 June is 23:00 UTC the day before; on 12 January it is 22:00 UTC the day before.
        Assert.Equal(Instant.FromUtc(2026, 6, 14, 23, 0), winter[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 6, 15, 1, 45), winter[^1].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 11, 22, 0), summer[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 1, 12, 0, 45), summer[^1].Start);
        Assert.All(winter, s => Assert.Equal(Offset.FromHours(10), zone.GetUtcOffset(s.Start)));
        Assert.All(summer, s => Assert.Equal(Offset.FromHours(11), zone.GetUtcOffset(s.Start)));
    }

    [Fact]
    public void Adelaide_slots_use_the_half_hour_offset()
    {
        var zone = Zone(Adelaide);

        var slots = SlotCalendar.SlotsFor(WinterMonday, zone, Duration.FromMinutes(30), OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "12:00")));

        Assert.Equal(6, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 6, 14, 23, 30), slots[0].Start);
        Assert.All(slots, s => Assert.Equal(Offset.FromHoursAndMinutes(9, 30), zone.GetUtcOffset(s.Start)));
    }

    [Fact]
    public void Consecutive_slots_of_a_window_touch_without_gaps()
    {
        var slots = SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromMinutes(20), OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "12:00")));

        for (var i = 1; i < slots.Count; i++)
        {
            Assert.Equal(slots[i - 1].End, slots[i].Start);
        }
    }

    [Theory]
    [InlineData("09:00", "10:00", 25, 2, "09:25")]
    [InlineData("09:00", "11:50", 20, 8, "11:20")]
    [InlineData("09:00", "12:10", 30, 6, "11:30")]
    [InlineData("09:00", "09:59", 60, 0, null)]
    public void A_window_not_divisible_by_the_slot_length_drops_the_last_partial_slot(
        string start, string end, int slotMinutes, int expectedCount, string? expectedLastStart)
    {
        var zone = Zone(Sydney);

        var slots = SlotCalendar.SlotsFor(WinterMonday, zone, Duration.FromMinutes(slotMinutes), OpenEvery(IsoDayOfWeek.Monday, Hours(start, end)));

        Assert.Equal(expectedCount, slots.Count);
        if (expectedLastStart is not null)
        {
            Assert.Equal(At(expectedLastStart), slots[^1].Start.InZone(zone).TimeOfDay);
            Assert.True(slots[^1].End.InZone(zone).TimeOfDay <= At(end), "the last slot must end inside the window");
        }
    }

    [Fact]
    public void Split_windows_give_morning_and_afternoon_slots_in_order_and_nothing_over_lunch()
    {
        var zone = Zone(Sydney);
        // Listed afternoon first on purpose: the calendar must still return the slots in time order.
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "13:00", "17:00"), Weekly(IsoDayOfWeek.Monday, "09:00", "12:00")],
            []);

        var slots = SlotCalendar.SlotsFor(WinterMonday, zone, Duration.FromMinutes(30), availability);

        var localStarts = slots.Select(s => s.Start.InZone(zone).TimeOfDay).ToList();
        Assert.Equal(6 + 8, slots.Count);
        Assert.Equal(At("09:00"), localStarts[0]);
        Assert.Equal(At("11:30"), localStarts[5]);
        Assert.Equal(At("13:00"), localStarts[6]);
        Assert.Equal(At("16:30"), localStarts[^1]);
        Assert.DoesNotContain(localStarts, t => t >= At("12:00") && t < At("13:00"));
        Assert.True(slots.Zip(slots.Skip(1)).All(p => p.First.Start < p.Second.Start), "slots must be in time order");
    }

    [Fact]
    public void No_availability_at_all_gives_no_slots()
    {
        var slots = SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromMinutes(15), Availability.None);

        Assert.Empty(slots);
    }

    [Fact]
    public void A_weekday_without_windows_gives_no_slots()
    {
        var availability = OpenEvery(IsoDayOfWeek.Tuesday, Hours("09:00", "17:00"));

        var monday = SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromMinutes(15), availability);
        var tuesday = SlotCalendar.SlotsFor(WinterMonday.PlusDays(1), Zone(Sydney), Duration.FromMinutes(15), availability);

        Assert.Empty(monday);
        Assert.Equal(32, tuesday.Count);
    }

    [Fact]
    public void A_closed_date_exception_removes_the_weekly_hours_of_that_date_only()
    {
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "09:00", "12:00")],
            [new DateException(WinterMonday, [])]);

        var closed = SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromMinutes(15), availability);
        var nextMonday = SlotCalendar.SlotsFor(WinterMonday.PlusWeeks(1), Zone(Sydney), Duration.FromMinutes(15), availability);

        Assert.Empty(closed);
        Assert.Equal(12, nextMonday.Count);
    }

    [Fact]
    public void A_date_exception_with_other_hours_replaces_the_weekly_hours()
    {
        var zone = Zone(Sydney);
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "09:00", "12:00")],
            [new DateException(WinterMonday, [Hours("15:00", "16:00"), Hours("14:00", "14:30")])]);

        var slots = SlotCalendar.SlotsFor(WinterMonday, zone, Duration.FromMinutes(30), availability);

        Assert.Equal(
            [At("14:00"), At("15:00"), At("15:30")],
            slots.Select(s => s.Start.InZone(zone).TimeOfDay));
    }

    [Fact]
    public void A_date_exception_can_open_a_day_the_weekly_template_leaves_closed()
    {
        var sunday = new LocalDate(2026, 6, 14);
        var availability = new Availability(
            [Weekly(IsoDayOfWeek.Monday, "09:00", "12:00")],
            [new DateException(sunday, [Hours("10:00", "11:00")])]);

        var slots = SlotCalendar.SlotsFor(sunday, Zone(Sydney), Duration.FromMinutes(20), availability);

        Assert.Equal(3, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 6, 14, 0, 0), slots[0].Start);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-15L * 60)]
    [InlineData(12L * 3600 + 60)]
    [InlineData(24L * 3600)]
    [InlineData(30L)]
    [InlineData(1L)]
    [InlineData(90L)]
    [InlineData(15L * 60 + 1)]
    public void A_slot_length_that_is_not_a_whole_number_of_minutes_between_one_minute_and_twelve_hours_is_rejected(long seconds)
    {
        var length = Duration.FromSeconds(seconds);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), length, OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "12:00"))));

        Assert.Equal("slotLength", error.ParamName);
    }

    [Fact]
    public void A_one_minute_slot_is_accepted()
    {
        var slots = SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromMinutes(1), OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "09:05")));

        Assert.Equal(5, slots.Count);
    }

    [Fact]
    public void A_twelve_hour_slot_is_accepted()
    {
        var slots = SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromHours(12), OpenEvery(IsoDayOfWeek.Monday, Hours("06:00", "20:00")));

        var slot = Assert.Single(slots);
        Assert.Equal(Duration.FromHours(12), slot.End - slot.Start);
    }

    [Fact]
    public void A_missing_zone_or_availability_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => SlotCalendar.SlotsFor(WinterMonday, null!, Duration.FromMinutes(15), Availability.None));
        Assert.Throws<ArgumentNullException>(() => SlotCalendar.SlotsFor(WinterMonday, Zone(Sydney), Duration.FromMinutes(15), null!));
    }
}
