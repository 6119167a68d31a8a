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
        ArgumentNullException.ThrowIfNull(taken);
        var free = new List<Slot>(slots.Count);
        foreach (var slot in slots)
        {
            if (slot.Start >= from && slot.Start < to && !IsTaken(slot, taken))
            {
                free.Add(slot);
            }
        }

        return [.. free];
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
