using NodaTime;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>Replaces the weekly template on one date; no windows means the doctor does not work that day.</summary>
public sealed record DateException(LocalDate Date, IReadOnlyList<TimeRange> Windows);
