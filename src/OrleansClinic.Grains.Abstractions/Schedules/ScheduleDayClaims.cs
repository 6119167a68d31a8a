using NodaTime;
using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>
/// What a schedule day has taken, as of its <see cref="Revision"/>: the day grain counts its changes, so a copy held
/// elsewhere can tell a newer answer from an older one that arrives late.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleDayClaims(
    [property: Id(0)] string DoctorId,
    [property: Id(1)] LocalDate Date,
    [property: Id(2)] long Revision,
    [property: Id(3)] SlotClaim[] Claims)
{
    /// <summary>The slots the claims keep others out of at <paramref name="now"/>.</summary>
    public IReadOnlyList<Slot> TakenAt(Instant now) =>
        // Most days searched have nothing taken: they cost no allocation.
        Claims.Length == 0 ? [] : [.. Claims.Where(c => c.IsActive(now)).Select(c => new Slot(c.Start, c.End))];
}
