using NodaTime;

namespace OrleansClinic.Domain.Archival;

/// <summary>When a record leaves the hot store for the warm tier: a calendar period after it ended.</summary>
public static class TieringRules
{
    /// <summary>The default hot window for appointments: 13 months after they ended, so a year-on-year comparison stays hot.</summary>
    public static Period DefaultHotWindow { get; } = Period.FromMonths(13);

    /// <summary>
    /// Records that ended before the returned instant are past <paramref name="hotWindow"/> at <paramref name="now"/>:
    /// the window counted back on the UTC calendar, so 13 months before 31 March is the last day of February.
    /// </summary>
    public static Instant EndedBefore(Instant now, Period hotWindow)
    {
        ArgumentNullException.ThrowIfNull(hotWindow);
        if (hotWindow.HasTimeComponent || hotWindow.Normalize() is { Years: <= 0, Months: <= 0, Weeks: <= 0, Days: <= 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(hotWindow), hotWindow, "The hot window must be a positive number of days, weeks, months or years.");
        }

        return (now.InUtc().LocalDateTime - hotWindow).InUtc().ToInstant();
    }
}
