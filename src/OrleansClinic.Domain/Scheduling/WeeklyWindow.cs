using NodaTime;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>A recurring opening of a doctor's week, e.g. every Monday 09:00–12:00 local time.</summary>
public sealed record WeeklyWindow(IsoDayOfWeek Day, LocalTime Start, LocalTime End)
{
    /// <summary>The window's hours as a range.</summary>
    public TimeRange Hours => new(Start, End);
}
