using NodaTime;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>Which of a doctor's slots are free to offer: the one rule behind a doctor's own slot list and the clinic-wide search.</summary>
public static class FreeSlots
{
    /// <summary>
    /// The slots of <paramref name="slots"/> that start in [<paramref name="from"/>, <paramref name="to"/>) and overlap
    /// none of <paramref name="taken"/>, in the order given.
    /// </summary>
    public static Slot[] Among(IReadOnlyList<Slot> slots, IReadOnlyList<Slot> taken, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var free = new List<Slot>(slots.Count);
        AddTo(free, slots, taken, from, to);
        return [.. free];
    }

    /// <summary>The same, added to <paramref name="free"/>: a search gathers many days of many doctors without a list for each.</summary>
    public static void AddTo(List<Slot> free, IReadOnlyList<Slot> slots, IReadOnlyList<Slot> taken, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(free);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(taken);
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            if (slot.Start >= from && slot.Start < to && !IsTaken(slot, taken))
            {
                free.Add(slot);
            }
        }
    }

    // A day has a handful of taken slots, so a scan beats building anything.
    private static bool IsTaken(Slot slot, IReadOnlyList<Slot> taken)
    {
        for (var i = 0; i < taken.Count; i++)
        {
            if (slot.Overlaps(taken[i].Start, taken[i].End))
            {
                return true;
            }
        }

        return false;
    }
}
