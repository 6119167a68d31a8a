using NodaTime;
using OrleansClinic.Domain.Scheduling;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

public sealed class FreeSlotsTests
{
    // Monday 15 June 2026 in Sydney, 09:00–10:00 in 15-minute slots.
    private static readonly DateTimeZone Zone = Clinic.Zone(Sydney);
    private static readonly LocalDate Day = new(2026, 6, 15);
    private static readonly IReadOnlyList<Slot> DaySlots =
        SlotCalendar.SlotsFor(Day, Zone, Duration.FromMinutes(15), OpenEvery(IsoDayOfWeek.Monday, Hours("09:00", "10:00")));

    private static Instant Local(string hhmm) => Day.At(At(hhmm)).InZoneStrictly(Zone).ToInstant();

    private static Slot Between(string start, string end) => new(Local(start), Local(end));

    [Fact]
    public void Nothing_taken_leaves_every_slot_free_in_order()
    {
        Assert.Equal(DaySlots, FreeSlots.Among(DaySlots, [], Instant.MinValue, Instant.MaxValue));
    }

    [Fact]
    public void A_taken_slot_and_any_slot_it_overlaps_are_not_free()
    {
        // A 20-minute booking from 09:30 reaches into the 09:45 slot; one ending exactly at 09:15 does not touch 09:15.
        var free = FreeSlots.Among(DaySlots, [Between("09:30", "09:50"), Between("09:00", "09:15")], Instant.MinValue, Instant.MaxValue);

        Assert.Equal([Between("09:15", "09:30")], free);
    }

    [Fact]
    public void Only_slots_starting_in_the_range_are_offered()
    {
        var free = FreeSlots.Among(DaySlots, [], Local("09:15"), Local("09:45"));

        Assert.Equal([Between("09:15", "09:30"), Between("09:30", "09:45")], free);
    }

    [Fact]
    public void A_range_that_ends_where_it_starts_offers_nothing()
    {
        Assert.Empty(FreeSlots.Among(DaySlots, [], Local("09:15"), Local("09:15")));
    }
}
