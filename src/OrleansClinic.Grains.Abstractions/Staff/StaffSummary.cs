using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>A staff member as the staff list shows them: id, roles, linked doctor and when added; never history or personal details.</summary>
/// <param name="Id">The staff id.</param>
/// <param name="Roles">Current roles, in the clinic's order.</param>
/// <param name="DoctorId">The linked doctor, if any.</param>
/// <param name="CreatedAt">When the member was added.</param>
[GenerateSerializer, Immutable]
public sealed record StaffSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] string? DoctorId,
    [property: Id(3)] Instant CreatedAt)
{
    /// <summary>The list entry of <paramref name="member"/>.</summary>
    public static StaffSummary Of(StaffMemberView member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.Id, member.Roles, member.DoctorId, member.CreatedAt);
    }

    /// <summary>True when <paramref name="other"/> says the same (the record's own equality compares the role list by reference).</summary>
    public bool SameAs(StaffSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id && DoctorId == other.DoctorId && CreatedAt == other.CreatedAt && Roles.SequenceEqual(other.Roles);
    }
}
