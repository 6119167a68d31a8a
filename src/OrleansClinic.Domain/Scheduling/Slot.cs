using NodaTime;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>One bookable appointment slot of a doctor, as instants; <see cref="End"/> is exclusive.</summary>
public readonly record struct Slot(Instant Start, Instant End)
{
    /// <summary>True when the two slots share any time.</summary>
    public bool Overlaps(Instant start, Instant end) => Start < end && start < End;
}
