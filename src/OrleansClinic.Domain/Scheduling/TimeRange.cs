using NodaTime;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>A stretch of wall-clock time within one day, e.g. 09:00–12:30; <see cref="End"/> is exclusive.</summary>
public readonly record struct TimeRange(LocalTime Start, LocalTime End)
{
    /// <summary>True when the range is non-empty.</summary>
    public bool IsValid => End > Start;

    /// <summary>True when the two ranges share any time.</summary>
    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;
}
