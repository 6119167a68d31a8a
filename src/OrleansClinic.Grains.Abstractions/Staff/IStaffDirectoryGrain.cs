namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>The clinic's list of staff members, kept current by each staff member's grain. One per clinic (key <see cref="ClinicKey"/>).</summary>
public interface IStaffDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one directory a clinic has.</summary>
    public const string ClinicKey = "clinic";

    /// <summary>Adds or updates a member's entry; an unchanged entry writes nothing.</summary>
    Task Upsert(StaffSummary member);

    /// <summary>Members holding <paramref name="role"/> (every member when null), ordered by id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<StaffSummary>> Find(string? role);
}
