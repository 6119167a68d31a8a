using NodaTime;
using NodaTime.TimeZones;

namespace OrleansClinic.Domain.Notifications;

/// <summary>
/// When an appointment's reminders are due: each a period before its start on the clinic's wall clock, so the day-before
/// reminder comes at the same local time the day before even across a daylight-saving change.
/// </summary>
public static class ReminderRules
{
    private static readonly ZoneLocalMappingResolver EarlierOrAfterGap =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>
    /// The due instant of a reminder <paramref name="before"/> the appointment starting at <paramref name="start"/> in
    /// <paramref name="zone"/>; a wall time the clock skips is taken as the first instant after the gap, one it repeats
    /// as the earlier of the two.
    /// </summary>
    public static Instant DueAt(Instant start, DateTimeZone zone, Period before)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(before);
        return (start.InZone(zone).LocalDateTime - before).InZone(zone, EarlierOrAfterGap).ToInstant();
    }

    /// <summary>The reminders still to come at <paramref name="now"/>, as (period, due) pairs in due order.</summary>
    public static IReadOnlyList<(Period Before, Instant Due)> Upcoming(Instant start, DateTimeZone zone, IEnumerable<Period> before, Instant now)
    {
        ArgumentNullException.ThrowIfNull(before);
        return [.. before.Select(p => (Before: p, Due: DueAt(start, zone, p))).Where(r => r.Due > now && r.Due < start).OrderBy(r => r.Due)];
    }
}
