using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>A staff member as stored: ids and roles only.</summary>
/// <param name="Id">The staff id.</param>
/// <param name="Roles">Current roles, in the clinic's order.</param>
/// <param name="DoctorId">The linked doctor, if any.</param>
/// <param name="CreatedAt">When the member was added.</param>
/// <param name="CreatedBy">The admin who added them.</param>
/// <param name="History">Every role assignment, oldest first, the first being the roles given on creation.</param>
[GenerateSerializer, Immutable]
public sealed record StaffMemberView(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] string? DoctorId,
    [property: Id(3)] Instant CreatedAt,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] IReadOnlyList<StaffRoleChangeView> History);
