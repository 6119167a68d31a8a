using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Reminders;

/// <summary>How long an Orleans reminder for a given moment first waits, for moments further away than Orleans accepts.</summary>
public static class DistantReminders
{
    /// <summary>
    /// The longest first wait registered: Orleans refuses one beyond about 49.7 days (the limit of
    /// <see cref="System.Threading.Timer"/>), while leave and bookings reach months ahead. A reminder due later fires
    /// early and the grain registers it again for the rest of the wait (<see cref="IsEarly"/>).
    /// </summary>
    public static readonly Duration LongestWait = Duration.FromDays(28);

    /// <summary>A fire this much before the due time counts as on time: the reminder service's own jitter.</summary>
    public static readonly Duration Tolerance = Duration.FromSeconds(1);

    /// <summary>The due time to register for a reminder meant for <paramref name="due"/>: the wait, at most <see cref="LongestWait"/>.</summary>
    public static TimeSpan FirstWait(Instant due, Instant now)
    {
        var wait = due - now;
        return (wait < Duration.Zero ? Duration.Zero : wait > LongestWait ? LongestWait : wait).ToTimeSpan();
    }

    /// <summary>True when a reminder meant for <paramref name="due"/> fired at <paramref name="now"/> only because its wait was capped.</summary>
    public static bool IsEarly(Instant due, Instant now) => due - now > Tolerance;
}
