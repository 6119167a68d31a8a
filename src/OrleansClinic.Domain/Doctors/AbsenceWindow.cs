using NodaTime;

namespace OrleansClinic.Domain.Doctors;

/// <summary>A time a doctor is away, [<see cref="From"/>, <see cref="To"/>), and why.</summary>
public readonly record struct AbsenceWindow(AbsenceKind Kind, Instant From, Instant To);
