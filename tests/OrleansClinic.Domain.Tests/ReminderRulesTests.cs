using NodaTime;
using OrleansClinic.Domain.Notifications;
using static OrleansClinic.Domain.Tests.Clinic;

namespace OrleansClinic.Domain.Tests;

/// <summary>Reminder times on the clinic's wall clock, across daylight-saving changes.</summary>
public sealed class ReminderRulesTests
{
    private static readonly Period DayBefore = Period.FromDays(1);
    private static readonly Period TwoHours = Period.FromHours(2);

    [Fact]
    public void The_day_before_reminder_keeps_the_local_time_when_daylight_saving_ends_in_between()
    {
        // Sunday 5 April 2026 09:00 in Sydney; the clocks went back at 03:00 that morning, so the day before is 25 hours away.
        var zone = Zone(Sydney);
        var start = new LocalDateTime(2026, 4, 5, 9, 0).InZoneStrictly(zone).ToInstant();

        var due = ReminderRules.DueAt(start, zone, DayBefore);

        Assert.Equal(new LocalDateTime(2026, 4, 4, 9, 0), due.InZone(zone).LocalDateTime);
        Assert.Equal(Duration.FromHours(25), start - due);
    }

    [Fact]
    public void The_day_before_reminder_keeps_the_local_time_when_daylight_saving_starts_in_between()
    {
        // Sunday 4 October 2026 09:00 in Sydney; the clocks went forward at 02:00 that morning (a 23-hour day).
        var zone = Zone(Sydney);
        var start = new LocalDateTime(2026, 10, 4, 9, 0).InZoneStrictly(zone).ToInstant();

        Assert.Equal(Duration.FromHours(23), start - ReminderRules.DueAt(start, zone, DayBefore));
    }

    [Fact]
    public void A_reminder_in_the_skipped_hour_comes_just_after_the_gap_and_one_in_the_repeated_hour_comes_the_first_time()
    {
        var zone = Zone(Sydney);
        // 04:30 on 4 October minus 2 h is 02:30, which the clock skips: due at 03:00 daylight time.
        var afterGap = new LocalDateTime(2026, 10, 4, 4, 30).InZoneStrictly(zone).ToInstant();
        Assert.Equal(new LocalDateTime(2026, 10, 4, 3, 0), ReminderRules.DueAt(afterGap, zone, TwoHours).InZone(zone).LocalDateTime);

        // 04:30 on 5 April minus 2 h is 02:30, which happens twice: due the first time (daylight time, +11).
        var afterOverlap = new LocalDateTime(2026, 4, 5, 4, 30).InZoneStrictly(zone).ToInstant();
        var due = ReminderRules.DueAt(afterOverlap, zone, TwoHours).InZone(zone);
        Assert.Equal((new LocalDateTime(2026, 4, 5, 2, 30), Offset.FromHours(11)), (due.LocalDateTime, due.Offset));
    }

    [Fact]
    public void Only_reminders_still_to_come_are_scheduled_in_due_order()
    {
        var zone = Zone(Adelaide);
        var start = new LocalDateTime(2026, 6, 10, 11, 0).InZoneStrictly(zone).ToInstant();

        var fromFar = ReminderRules.Upcoming(start, zone, [TwoHours, DayBefore], start - Duration.FromDays(3));
        var fromNear = ReminderRules.Upcoming(start, zone, [TwoHours, DayBefore], start - Duration.FromHours(5));
        var fromLate = ReminderRules.Upcoming(start, zone, [TwoHours, DayBefore], start - Duration.FromMinutes(30));

        Assert.Equal([DayBefore, TwoHours], fromFar.Select(r => r.Before));
        Assert.Equal([TwoHours], fromNear.Select(r => r.Before));
        Assert.Empty(fromLate);
    }
}
