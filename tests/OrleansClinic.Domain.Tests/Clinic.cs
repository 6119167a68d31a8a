using NodaTime;
using NodaTime.Text;
using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Domain.Tests;

/// <summary>Builders and time-zone facts shared by the domain tests.</summary>
internal static class Clinic
{
    public const string Sydney = "Australia/Sydney";
    public const string Adelaide = "Australia/Adelaide";
    public const string Brisbane = "Australia/Brisbane";
    public const string LordHowe = "Australia/Lord_Howe";

    public static readonly string[] AustralianZones = [Sydney, Adelaide, Brisbane, LordHowe];

    private static readonly LocalTimePattern HoursPattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    public static LocalTime At(string hhmm) => HoursPattern.Parse(hhmm).Value;

    public static TimeRange Hours(string start, string end) => new(At(start), At(end));

    public static WeeklyWindow Weekly(IsoDayOfWeek day, string start, string end) => new(day, At(start), At(end));

    /// <summary>A weekly template with the given windows on one weekday and nothing else.</summary>
    public static Availability OpenEvery(IsoDayOfWeek day, params TimeRange[] windows) =>
        new([.. windows.Select(w => new WeeklyWindow(day, w.Start, w.End))], []);

    /// <summary>
    /// The clock change of <paramref name="year"/> in <paramref name="zone"/> where the wall offset goes up
    /// (<paramref name="forward"/>) or down, read from the tzdb zone intervals; null when the zone has none.
    /// </summary>
    public static ClockChange? FindClockChange(DateTimeZone zone, int year, bool forward)
    {
        var intervals = zone.GetZoneIntervals(Instant.FromUtc(year, 1, 1, 0, 0), Instant.FromUtc(year + 1, 1, 1, 0, 0)).ToList();
        for (var i = 1; i < intervals.Count; i++)
        {
            var before = intervals[i - 1].WallOffset;
            var after = intervals[i].WallOffset;
            if (forward ? after > before : after < before)
            {
                var at = intervals[i].Start;
                return new ClockChange(at, before, after);
            }
        }

        return null;
    }

    /// <summary>All clock changes of <paramref name="zone"/> from <paramref name="fromYear"/> to <paramref name="toYear"/> inclusive.</summary>
    public static IEnumerable<ClockChange> ClockChanges(DateTimeZone zone, int fromYear, int toYear)
    {
        var intervals = zone.GetZoneIntervals(Instant.FromUtc(fromYear, 1, 1, 0, 0), Instant.FromUtc(toYear + 1, 1, 1, 0, 0)).ToList();
        for (var i = 1; i < intervals.Count; i++)
        {
            yield return new ClockChange(intervals[i].Start, intervals[i - 1].WallOffset, intervals[i].WallOffset);
        }
    }

    /// <summary>
    /// The first instant at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/> or later:
    /// the earlier occurrence when it is repeated, the moment the clocks jump when it is skipped.
    /// </summary>
    public static Instant FirstInstantAtOrAfter(DateTimeZone zone, LocalDateTime local)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count > 0 ? mapping.First().ToInstant() : mapping.LateInterval.Start;
    }
}

/// <summary>A daylight-saving transition: at <see cref="At"/> the wall offset changes from <see cref="Before"/> to <see cref="After"/>.</summary>
internal sealed record ClockChange(Instant At, Offset Before, Offset After)
{
    /// <summary>The wall-clock time just before the change, e.g. 02:00 when clocks go forward to 03:00.</summary>
    public LocalDateTime LocalBefore => At.WithOffset(Before).LocalDateTime;

    /// <summary>The wall-clock time just after the change, e.g. 03:00 when clocks go forward from 02:00.</summary>
    public LocalDateTime LocalAfter => At.WithOffset(After).LocalDateTime;

    /// <summary>The local date on which the change happens.</summary>
    public LocalDate Date => LocalAfter.Date;

    /// <summary>How far the clocks move (positive forward, negative back).</summary>
    public Duration Shift => Duration.FromSeconds(After.Seconds - Before.Seconds);
}
