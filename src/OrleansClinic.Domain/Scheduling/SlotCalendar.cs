using NodaTime;
using NodaTime.TimeZones;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>Generates a doctor's slots for a local date from their availability, in their clinic's time zone.</summary>
public static class SlotCalendar
{
    private static readonly ZoneLocalMappingResolver WindowEndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>
    /// The slots of <paramref name="date"/>: each window is cut into <paramref name="slotLength"/> pieces in local time.
    /// A local start that falls in a daylight-saving gap does not exist and yields no slot; one that occurs twice
    /// (the repeated hour when clocks go back) is taken at its first occurrence, so every wall-clock slot appears once.
    /// A slot never runs past the moment its window closes on the wall clock, even when the clocks jump forward inside it.
    /// </summary>
    public static IReadOnlyList<Slot> SlotsFor(LocalDate date, DateTimeZone zone, Duration slotLength, Availability availability)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(availability);
        // Whole minutes only: the grid steps in minutes, so a sub-minute length would never advance (an endless loop)
        // and a fractional one would make slots longer than the grid step.
        var minutes = (long)slotLength.TotalMinutes;
        if (minutes < 1 || minutes > 12 * 60 || Duration.FromMinutes(minutes) != slotLength)
        {
            throw new ArgumentOutOfRangeException(nameof(slotLength), "A slot lasts a whole number of minutes between one minute and twelve hours.");
        }

        var step = Period.FromMinutes(minutes);
        var slots = new List<Slot>();
        foreach (var window in availability.WindowsOn(date))
        {
            var localStart = date.At(window.Start);
            var windowEnd = date.At(window.End);
            // The instant the wall clock first reads the window's end: the moment the clocks jump when it is skipped.
            var closes = zone.ResolveLocal(windowEnd, WindowEndResolver).ToInstant();
            while (localStart + step <= windowEnd && localStart.Date == date)
            {
                var mapping = zone.MapLocal(localStart);
                if (mapping.Count > 0)
                {
                    var start = mapping.First().ToInstant();
                    var slot = new Slot(start, start + slotLength);
                    // Two wall-clock slots can map onto overlapping instants only around a clock change; the earlier wins.
                    // A slot straddling a spring-forward gap ends later on the wall clock than its length suggests.
                    if ((slots.Count == 0 || slots[^1].End <= slot.Start) && slot.End <= closes)
                    {
                        slots.Add(slot);
                    }
                }

                localStart += step;
            }
        }

        return slots;
    }
}
