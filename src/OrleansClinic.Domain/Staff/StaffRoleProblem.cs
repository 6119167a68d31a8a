namespace OrleansClinic.Domain.Staff;

/// <summary>Why a staff member's roles, or a change to them, are refused.</summary>
public enum StaffRoleProblem
{
    /// <summary>No role given; a staff member holds at least one.</summary>
    NoRole,

    /// <summary>A role that is not a staff role (<c>patient</c> included).</summary>
    UnknownRole,

    /// <summary>The same role given twice.</summary>
    DuplicateRole,

    /// <summary>A linked doctor id for someone who does not hold the doctor role.</summary>
    DoctorLinkWithoutDoctorRole,

    /// <summary>An admin taking the admin role away from themself.</summary>
    RemovesOwnAdmin,
}
