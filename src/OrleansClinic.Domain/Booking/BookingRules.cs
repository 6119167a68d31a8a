using NodaTime;
using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Domain.Booking;

/// <summary>The calendar rules every booking and reschedule must pass before a slot is taken.</summary>
public static class BookingRules
{
    /// <summary>
    /// Checks that <paramref name="start"/> is the start of one of <paramref name="daySlots"/>, lies in the future by at
    /// least the minimum notice, and is not further ahead than the policy allows. Returns the matching slot when it passes.
    /// </summary>
    public static BookingRejection CheckStart(Instant start, IReadOnlyList<Slot> daySlots, Instant now, BookingPolicy policy, out Slot slot)
    {
        ArgumentNullException.ThrowIfNull(daySlots);
        ArgumentNullException.ThrowIfNull(policy);
        slot = default;
        if (start < now + policy.MinNotice)
        {
            return BookingRejection.InPast;
        }

        if (start > now + policy.MaxAdvance)
        {
            return BookingRejection.TooFarAhead;
        }

        foreach (var candidate in daySlots)
        {
            if (candidate.Start == start)
            {
                slot = candidate;
                return BookingRejection.None;
            }
        }

        return BookingRejection.NotASlot;
    }

    /// <summary>True when a query from <paramref name="from"/> to <paramref name="to"/> is ordered and not wider than the policy allows.</summary>
    public static bool IsQueryRangeAllowed(Instant from, Instant to, BookingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return to > from && to - from <= policy.MaxQueryRange;
    }
}
