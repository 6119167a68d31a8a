using NodaTime;
using OrleansClinic.Domain.Scheduling;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

/// <summary>Slots on the days the clocks change, for a clinic that is open through the night.</summary>
public sealed partial class SlotCalendarTests
{
    // The change dates are Sundays; a weekly Sunday window therefore covers the change in every zone.
    private static readonly Availability NightClinic = OpenEvery(IsoDayOfWeek.Sunday, Hours("00:00", "06:00"));
    private static readonly Availability DayClinic = OpenEvery(IsoDayOfWeek.Sunday, Hours("08:00", "17:00"));
    private static readonly Availability DayClinicEveryDay = new(
        [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => Weekly(d, "08:00", "17:00"))],
        []);

    private static ClockChange Change(string zoneId, bool forward) =>
        FindClockChange(Zone(zoneId), 2026, forward) ?? throw new InvalidOperationException($"{zoneId} has no clock change in 2026");

    [Theory]
    [InlineData(Sydney, true, 10, 4, 2, 0, 3, 0, 10, 0, 11, 0)]
    [InlineData(Sydney, false, 4, 5, 3, 0, 2, 0, 11, 0, 10, 0)]
    [InlineData(Adelaide, true, 10, 4, 2, 0, 3, 0, 9, 30, 10, 30)]
    [InlineData(Adelaide, false, 4, 5, 3, 0, 2, 0, 10, 30, 9, 30)]
    [InlineData(LordHowe, true, 10, 4, 2, 0, 2, 30, 10, 30, 11, 0)]
    [InlineData(LordHowe, false, 4, 5, 2, 0, 1, 30, 11, 0, 10, 30)]
    public void The_2026_clock_changes_in_the_tzdb_are_on_the_first_Sunday_of_October_and_April(
        string zoneId, bool forward, int month, int day,
        int fromHour, int fromMinute, int toHour, int toMinute,
        int beforeHours, int beforeMinutes, int afterHours, int afterMinutes)
    {
        var change = Change(zoneId, forward);

        Assert.Equal(new LocalDate(2026, month, day), change.Date);
        Assert.Equal(IsoDayOfWeek.Sunday, change.Date.DayOfWeek);
        Assert.True(change.Date.Day <= 7, "the first Sunday of the month");
        Assert.Equal(new LocalTime(fromHour, fromMinute), change.LocalBefore.TimeOfDay);
        Assert.Equal(new LocalTime(toHour, toMinute), change.LocalAfter.TimeOfDay);
        Assert.Equal(Offset.FromHoursAndMinutes(beforeHours, beforeMinutes), change.Before);
        Assert.Equal(Offset.FromHoursAndMinutes(afterHours, afterMinutes), change.After);
    }

    [Fact]
    public void Brisbane_has_no_clock_change_in_2026()
    {
        var zone = Zone(Brisbane);

        Assert.Null(FindClockChange(zone, 2026, forward: true));
        Assert.Null(FindClockChange(zone, 2026, forward: false));
        Assert.Single(zone.GetZoneIntervals(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0)));
    }

    [Theory]
    [InlineData(Sydney, 15)]
    [InlineData(Sydney, 30)]
    [InlineData(Adelaide, 15)]
    [InlineData(Adelaide, 30)]
    [InlineData(LordHowe, 15)]
    [InlineData(LordHowe, 30)]
    public void Local_starts_in_the_spring_forward_gap_yield_no_slot(string zoneId, int slotMinutes)
    {
        var zone = Zone(zoneId);
        var change = Change(zoneId, forward: true);
        var length = Duration.FromMinutes(slotMinutes);

        var slots = SlotCalendar.SlotsFor(change.Date, zone, length, NightClinic);

        var expectedStarts = GridStarts(change.Date, "00:00", "06:00", slotMinutes)
            .Where(t => t < change.LocalBefore || t >= change.LocalAfter)
            .ToList();
        var gapSlots = (int)(change.Shift.TotalMinutes / slotMinutes);
        Assert.Equal((6 * 60 / slotMinutes) - gapSlots, slots.Count);
        Assert.Equal(expectedStarts, slots.Select(s => s.Start.InZone(zone).LocalDateTime));
        AssertWellFormed(slots, length);
        Assert.All(slots, s => Assert.Equal(
            s.Start < change.At ? change.Before : change.After,
            zone.GetUtcOffset(s.Start)));

        // The slot before the gap ends at the instant the clocks jump, and the next slot starts right then.
        var lastBefore = slots.Last(s => s.Start < change.At);
        var firstAfter = slots.First(s => s.Start >= change.At);
        Assert.Equal(change.At, lastBefore.End);
        Assert.Equal(change.At, firstAfter.Start);
    }

    [Fact]
    public void Sydney_spring_forward_night_has_the_exact_instants_either_side_of_the_gap()
    {
        var slots = SlotCalendar.SlotsFor(new LocalDate(2026, 10, 4), Zone(Sydney), Duration.FromMinutes(30), NightClinic);

        Assert.Equal(10, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 10, 3, 14, 0), slots[0].Start);   // 00:00 +10
        Assert.Equal(Instant.FromUtc(2026, 10, 3, 15, 30), slots[3].Start);  // 01:30 +10
        Assert.Equal(Instant.FromUtc(2026, 10, 3, 16, 0), slots[4].Start);   // 03:00 +11
        Assert.Equal(Instant.FromUtc(2026, 10, 3, 19, 0), slots[^1].End);    // 06:00 +11
    }

    [Theory]
    [InlineData(Sydney, 15)]
    [InlineData(Sydney, 30)]
    [InlineData(Adelaide, 15)]
    [InlineData(Adelaide, 30)]
    [InlineData(LordHowe, 15)]
    [InlineData(LordHowe, 30)]
    public void In_the_autumn_overlap_each_wall_clock_start_appears_once_at_its_first_occurrence(string zoneId, int slotMinutes)
    {
        var zone = Zone(zoneId);
        var change = Change(zoneId, forward: false);
        var length = Duration.FromMinutes(slotMinutes);

        var slots = SlotCalendar.SlotsFor(change.Date, zone, length, NightClinic);

        // Every wall-clock start of 00:00–06:00 exists, so none is lost and none is repeated.
        var expectedStarts = GridStarts(change.Date, "00:00", "06:00", slotMinutes).ToList();
        Assert.Equal(6 * 60 / slotMinutes, slots.Count);
        Assert.Equal(expectedStarts, slots.Select(s => s.Start.InZone(zone).LocalDateTime));
        AssertWellFormed(slots, length);

        // Starts before the end of the repeated stretch are taken with the summer offset (their first occurrence).
        Assert.All(slots, s => Assert.Equal(
            s.Start.InZone(zone).LocalDateTime < change.LocalBefore ? change.Before : change.After,
            zone.GetUtcOffset(s.Start)));
        Assert.All(slots, s => Assert.Equal(zone.MapLocal(s.Start.InZone(zone).LocalDateTime).First().ToInstant(), s.Start));

        // The repeated stretch is offered once, so in elapsed time the night lasts one shift longer than six hours,
        // with a hole exactly as long as the shift where the wall clock repeats itself.
        Assert.Equal(Duration.FromHours(6) - change.Shift, slots[^1].End - slots[0].Start);
        var lastSummer = slots.Last(s => s.Start < change.At);
        var firstWinter = slots.First(s => s.Start >= change.At);
        Assert.Equal(change.At, lastSummer.End);
        Assert.Equal(change.At - change.Shift, firstWinter.Start);
    }

    [Fact]
    public void Sydney_fall_back_night_has_the_exact_instants_around_the_repeated_hour()
    {
        var slots = SlotCalendar.SlotsFor(new LocalDate(2026, 4, 5), Zone(Sydney), Duration.FromMinutes(30), NightClinic);

        Assert.Equal(12, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 4, 4, 13, 0), slots[0].Start);    // 00:00 +11
        Assert.Equal(Instant.FromUtc(2026, 4, 4, 15, 0), slots[4].Start);    // 02:00 +11, first occurrence
        Assert.Equal(Instant.FromUtc(2026, 4, 4, 15, 30), slots[5].Start);   // 02:30 +11, first occurrence
        Assert.Equal(Instant.FromUtc(2026, 4, 4, 17, 0), slots[6].Start);    // 03:00 +10
        Assert.Equal(Instant.FromUtc(2026, 4, 4, 20, 0), slots[^1].End);     // 06:00 +10
    }

    [Theory]
    [InlineData(true, 15)]
    [InlineData(false, 15)]
    [InlineData(true, 30)]
    [InlineData(false, 30)]
    public void Brisbane_behaves_like_any_other_day_on_the_Sydney_change_dates(bool forward, int slotMinutes)
    {
        var zone = Zone(Brisbane);
        var date = Change(Sydney, forward).Date;
        var length = Duration.FromMinutes(slotMinutes);

        var slots = SlotCalendar.SlotsFor(date, zone, length, NightClinic);

        Assert.Equal(6 * 60 / slotMinutes, slots.Count);
        Assert.Equal(GridStarts(date, "00:00", "06:00", slotMinutes), slots.Select(s => s.Start.InZone(zone).LocalDateTime));
        AssertWellFormed(slots, length);
        Assert.All(slots, s => Assert.Equal(Offset.FromHours(10), zone.GetUtcOffset(s.Start)));
        Assert.Equal(date.At(LocalTime.Midnight).InUtc().ToInstant() - Duration.FromHours(10), slots[0].Start);
        Assert.Equal(Duration.FromHours(6), slots[^1].End - slots[0].Start);
    }

    [Theory]
    [InlineData(Sydney, true)]
    [InlineData(Sydney, false)]
    [InlineData(Adelaide, true)]
    [InlineData(Adelaide, false)]
    [InlineData(LordHowe, true)]
    [InlineData(LordHowe, false)]
    public void A_normal_working_day_on_a_change_date_has_the_normal_slots_at_the_new_offset(string zoneId, bool forward)
    {
        var zone = Zone(zoneId);
        var change = Change(zoneId, forward);
        var length = Duration.FromMinutes(15);

        var dayBefore = SlotCalendar.SlotsFor(change.Date.PlusDays(-1), zone, length, DayClinicEveryDay);
        var changeDay = SlotCalendar.SlotsFor(change.Date, zone, length, DayClinicEveryDay);
        var dayAfter = SlotCalendar.SlotsFor(change.Date.PlusDays(1), zone, length, DayClinicEveryDay);
        var sundayOnly = SlotCalendar.SlotsFor(change.Date, zone, length, DayClinic);

        Assert.Equal(36, dayBefore.Count);
        Assert.Equal(36, changeDay.Count);
        Assert.Equal(36, dayAfter.Count);
        Assert.Equal(changeDay, sundayOnly);
        Assert.All(dayBefore, s => Assert.Equal(change.Before, zone.GetUtcOffset(s.Start)));
        Assert.All(changeDay, s => Assert.Equal(change.After, zone.GetUtcOffset(s.Start)));
        Assert.All(dayAfter, s => Assert.Equal(change.After, zone.GetUtcOffset(s.Start)));
        Assert.Equal(GridStarts(change.Date, "08:00", "17:00", 15), changeDay.Select(s => s.Start.InZone(zone).LocalDateTime));
        Assert.Equal(change.Date.At(At("08:00")).WithOffset(change.After).ToInstant(), changeDay[0].Start);
        AssertWellFormed(changeDay, length);

        // 08:00 to 08:00 the next day is 24 hours minus the shift around the change, and exactly 24 hours after it.
        Assert.Equal(Duration.FromDays(1) - change.Shift, changeDay[0].Start - dayBefore[0].Start);
        Assert.Equal(Duration.FromDays(1), dayAfter[0].Start - changeDay[0].Start);
    }

    [Fact]
    public void Brisbane_has_the_same_offset_either_side_of_the_Sydney_change_dates()
    {
        var zone = Zone(Brisbane);
        foreach (var forward in new[] { true, false })
        {
            var date = Change(Sydney, forward).Date;
            var before = SlotCalendar.SlotsFor(date.PlusDays(-1), zone, Duration.FromMinutes(15), DayClinicEveryDay);
            var on = SlotCalendar.SlotsFor(date, zone, Duration.FromMinutes(15), DayClinicEveryDay);

            Assert.Equal(36, on.Count);
            Assert.All(before.Concat(on), s => Assert.Equal(Offset.FromHours(10), zone.GetUtcOffset(s.Start)));
            Assert.Equal(Duration.FromDays(1), on[0].Start - before[0].Start);
        }
    }

    [Fact]
    public void A_slot_that_would_overlap_the_slot_before_the_gap_is_dropped_so_the_earlier_one_wins()
    {
        var zone = Zone(Sydney);
        var date = new LocalDate(2026, 10, 4);
        var length = Duration.FromMinutes(45);

        var slots = SlotCalendar.SlotsFor(date, zone, length, NightClinic);

        // 01:30 (+10) lasts 45 minutes and ends at 03:15 (+11); 02:15 does not exist; 03:00 would overlap and is dropped.
        Assert.Equal(
            [At("00:00"), At("00:45"), At("01:30"), At("03:45"), At("04:30"), At("05:15")],
            slots.Select(s => s.Start.InZone(zone).TimeOfDay));
        Assert.Equal(At("03:15"), slots[2].End.InZone(zone).TimeOfDay);
        AssertWellFormed(slots, length);
    }

    [Theory]
    [InlineData("00:30", "03:00", 60, new[] { "00:30" })]
    [InlineData("00:00", "02:30", 30, new[] { "00:00", "00:30", "01:00", "01:30" })]
    [InlineData("01:00", "04:00", 60, new[] { "01:00", "03:00" })]
    [InlineData("00:00", "03:00", 90, new[] { "00:00" })]
    public void A_slot_that_straddles_the_spring_forward_gap_must_still_end_by_the_window_end(
        string start, string end, int slotMinutes, string[] expectedStarts)
    {
        // Clocks jump from 02:00 to 03:00, so a slot starting before 02:00 ends an hour later on the wall clock than
        // its length suggests; it may not run past the time the doctor stops working.
        var zone = Zone(Sydney);
        var date = new LocalDate(2026, 10, 4);
        var window = Hours(start, end);

        var slots = SlotCalendar.SlotsFor(date, zone, Duration.FromMinutes(slotMinutes), OpenEvery(IsoDayOfWeek.Sunday, window));

        Assert.Equal(expectedStarts.Select(At), slots.Select(s => s.Start.InZone(zone).TimeOfDay));
        var windowEnd = FirstInstantAtOrAfter(zone, date.At(window.End));
        Assert.All(slots, s => Assert.True(s.End <= windowEnd, $"{s} ends after the window end {windowEnd}"));
    }

    private static IEnumerable<LocalDateTime> GridStarts(LocalDate date, string start, string end, int slotMinutes)
    {
        var windowEnd = date.At(At(end));
        for (var t = date.At(At(start)); t.PlusMinutes(slotMinutes) <= windowEnd; t = t.PlusMinutes(slotMinutes))
        {
            yield return t;
        }
    }

    /// <summary>Slots are strictly increasing, never overlap and each lasts exactly the slot length in elapsed time.</summary>
    private static void AssertWellFormed(IReadOnlyList<Slot> slots, Duration length)
    {
        Assert.All(slots, s => Assert.Equal(length, s.End - s.Start));
        for (var i = 1; i < slots.Count; i++)
        {
            Assert.True(slots[i - 1].Start < slots[i].Start, $"slot {i} starts before slot {i - 1}");
            Assert.True(slots[i - 1].End <= slots[i].Start, $"slot {i} overlaps slot {i - 1}");
            Assert.False(slots[i - 1].Overlaps(slots[i].Start, slots[i].End));
        }
    }
}
