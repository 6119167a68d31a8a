using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>A taken slot's time, with the instant its hold lapses when it is only held; no appointment or patient.</summary>
[GenerateSerializer, Immutable]
public readonly record struct SlotClaim(
    [property: Id(0)] Instant Start,
    [property: Id(1)] Instant End,
    [property: Id(2)] Instant? HeldUntil)
{
    /// <summary>True when the claim still keeps others out of its slot at <paramref name="now"/>.</summary>
    public bool IsActive(Instant now) => HeldUntil is not { } until || until > now;
}
