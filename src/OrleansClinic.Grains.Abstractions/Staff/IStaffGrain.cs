namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>
/// A staff member of the clinic: an opaque id with roles, an optional linked doctor, and the history of role changes.
/// Holds no personal information. Keyed by staff id.
/// </summary>
public interface IStaffGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the staff member on behalf of the admin <paramref name="actor"/>; the same roles and doctor link again return
    /// the member unchanged, different ones are refused with <see cref="StaffError.AlreadyExists"/>.
    /// </summary>
    Task<StaffResult> Create(NewStaffMember member, string actor);

    /// <summary>Replaces the member's roles on behalf of <paramref name="actor"/>; the roles they already hold record nothing.</summary>
    Task<StaffResult> SetRoles(IReadOnlyList<string> roles, string actor);

    /// <summary>The staff member, or null when no one has this id.</summary>
    [ReadOnly]
    Task<StaffMemberView?> Get();
}
