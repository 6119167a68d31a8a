using NodaTime;
using OrleansClinic.Domain.Scheduling;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

/// <summary>Invariants of the slot calendar over many random dates, windows and slot lengths.</summary>
public sealed partial class SlotCalendarTests
{
    private static readonly int[] RandomSlotMinutes = [5, 10, 15, 20, 25, 30, 40, 45, 60, 90, 120];

    [Theory]
    [InlineData(Sydney, 20260101)]
    [InlineData(Adelaide, 20260102)]
    [InlineData(Brisbane, 20260103)]
    [InlineData(LordHowe, 20260104)]
    public void Random_days_windows_and_slot_lengths_always_give_ordered_whole_slots_on_the_grid(string zoneId, int seed)
    {
        var zone = Zone(zoneId);
        var random = new Random(seed);
        // Every clock-change date of 2025–2028 in the DST zones (Brisbane gets them too, as ordinary days),
        // so that random windows across the gap and the overlap are common rather than lucky.
        var changeDates = new[] { Sydney, Adelaide, LordHowe }
            .SelectMany(id => ClockChanges(Zone(id), 2025, 2028))
            .Select(c => c.Date)
            .Distinct()
            .ToList();
        Assert.Equal(8, changeDates.Count);
        var firstDay = new LocalDate(2025, 1, 1);
        var days = Period.Between(firstDay, new LocalDate(2028, 12, 31), PeriodUnits.Days).Days;

        const int cases = 3000;
        var slotsSeen = 0;
        var casesOnChangeDays = 0;
        var slotsLostToClockChanges = 0;
        for (var i = 0; i < cases; i++)
        {
            var date = random.Next(3) == 0
                ? changeDates[random.Next(changeDates.Count)]
                : firstDay.PlusDays(random.Next(days + 1));
            var slotMinutes = RandomSlotMinutes[random.Next(RandomSlotMinutes.Length)];
            var length = Duration.FromMinutes(slotMinutes);
            var windows = RandomWindows(random);
            var availability = random.Next(2) == 0
                ? new Availability(
                    [.. windows.Select(w => new WeeklyWindow(date.DayOfWeek, w.Start, w.End)),
                     new WeeklyWindow(date.PlusDays(1).DayOfWeek, At("00:00"), At("23:55"))],
                    [new DateException(date.PlusDays(7), [Hours("10:00", "11:00")])])
                : new Availability(
                    [new WeeklyWindow(date.DayOfWeek, At("00:00"), At("23:55"))],
                    [new DateException(date, [.. windows.OrderBy(_ => random.Next())])]);
            Assert.Empty(availability.Validate());

            var slots = SlotCalendar.SlotsFor(date, zone, length, availability);

            var context = $"case {i}: {zoneId} {date:uuuu-MM-dd} {slotMinutes} min, windows {string.Join(", ", windows)}";
            CheckInvariants(slots, date, zone, length, windows, context);

            slotsSeen += slots.Count;
            var naiveCount = windows.Sum(w => (int)(Period.Between(w.Start, w.End, PeriodUnits.Minutes).Minutes / slotMinutes));
            if (!IsOrdinaryDay(zone, date))
            {
                casesOnChangeDays++;
                slotsLostToClockChanges += naiveCount - slots.Count;
            }
            else
            {
                Assert.True(naiveCount == slots.Count, $"{context}: expected {naiveCount} slots on an ordinary day, got {slots.Count}");
            }
        }

        // Guard against a vacuous run: plenty of slots, and (outside Brisbane) plenty of clock-change days that cost slots.
        Assert.True(slotsSeen > cases * 5, $"only {slotsSeen} slots generated");
        if (zoneId == Brisbane)
        {
            Assert.Equal(0, casesOnChangeDays);
        }
        else
        {
            Assert.True(casesOnChangeDays > cases / 5, $"only {casesOnChangeDays} clock-change days");
            Assert.True(slotsLostToClockChanges > 0, "no random window ever crossed a spring-forward gap");
        }
    }

    private static void CheckInvariants(
        IReadOnlyList<Slot> slots, LocalDate date, DateTimeZone zone, Duration length, IReadOnlyList<TimeRange> windows, string context)
    {
        var slotMinutes = (long)length.TotalMinutes;
        var localStarts = new HashSet<LocalDateTime>();
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            Assert.True(slot.End - slot.Start == length, $"{context}: {slot} does not last {length}");
            if (i > 0)
            {
                Assert.True(slots[i - 1].Start < slot.Start, $"{context}: {slot} is not after {slots[i - 1]}");
                Assert.True(slots[i - 1].End <= slot.Start, $"{context}: {slot} overlaps {slots[i - 1]}");
            }

            var local = slot.Start.InZone(zone).LocalDateTime;
            Assert.True(local.Date == date, $"{context}: {slot} starts on {local}");
            Assert.True(localStarts.Add(local), $"{context}: wall-clock start {local} appears twice");
            Assert.True(zone.MapLocal(local).First().ToInstant() == slot.Start, $"{context}: {local} is not taken at its first occurrence");

            var window = windows.Where(w => w.Start <= local.TimeOfDay && local.TimeOfDay < w.End).ToList();
            Assert.True(window.Count == 1, $"{context}: {local} is not inside exactly one window");
            var minutesIntoWindow = Period.Between(date.At(window[0].Start), local, PeriodUnits.Minutes).Minutes;
            Assert.True(minutesIntoWindow % slotMinutes == 0, $"{context}: {local} is off the {slotMinutes}-minute grid");
            var windowEnd = FirstInstantAtOrAfter(zone, date.At(window[0].End));
            Assert.True(slot.End <= windowEnd, $"{context}: {slot} ends after its window closes at {windowEnd}");
        }

        // Nothing is missing: every grid start that exists and fits in its window is either offered
        // or overlaps an offered slot (the only reason to leave it out around a clock change).
        foreach (var window in windows)
        {
            var windowEnd = FirstInstantAtOrAfter(zone, date.At(window.End));
            for (var local = date.At(window.Start); local.PlusMinutes(slotMinutes) <= date.At(window.End); local = local.PlusMinutes(slotMinutes))
            {
                var mapping = zone.MapLocal(local);
                if (mapping.Count == 0)
                {
                    continue;
                }

                var start = mapping.First().ToInstant();
                if (start + length > windowEnd)
                {
                    continue;
                }

                Assert.True(
                    slots.Any(s => s.Start == start || s.Overlaps(start, start + length)),
                    $"{context}: grid start {local} is missing although nothing overlaps it");
            }
        }
    }

    /// <summary>One to three non-overlapping windows on a five-minute grid, anywhere in the day.</summary>
    private static List<TimeRange> RandomWindows(Random random)
    {
        var count = random.Next(1, 4);
        var cuts = new SortedSet<int>();
        while (cuts.Count < count * 2)
        {
            // 0 .. 287 five-minute steps: 00:00 .. 23:55; bias towards the night so windows cross 01:30–03:00 often.
            cuts.Add(random.Next(2) == 0 ? random.Next(0, 288) : random.Next(0, 72));
        }

        var ordered = cuts.ToList();
        return [.. Enumerable.Range(0, count).Select(i => new TimeRange(
            LocalTime.Midnight.PlusMinutes(ordered[2 * i] * 5),
            LocalTime.Midnight.PlusMinutes(ordered[(2 * i) + 1] * 5)))];
    }

    private static bool IsOrdinaryDay(DateTimeZone zone, LocalDate date)
    {
        var interval = zone.GetZoneInterval(zone.AtStartOfDay(date).ToInstant());
        return !interval.HasEnd || interval.End >= zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
    }
}
