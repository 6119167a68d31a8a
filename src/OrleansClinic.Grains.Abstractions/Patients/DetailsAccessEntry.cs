using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>One entry of a patient's personal-details access log: when, what (<c>read</c>, <c>store</c>, <c>correct</c>, <c>shred</c>), who, why, which fields.</summary>
[GenerateSerializer, Immutable]
[Alias("OrleansClinic.DetailsAccessEntry")]
public sealed record DetailsAccessEntry(
    [property: Id(0)] Instant At,
    [property: Id(1)] string Action,
    [property: Id(2)] DetailsAccess By,
    [property: Id(3)] IReadOnlyList<string> Fields);
