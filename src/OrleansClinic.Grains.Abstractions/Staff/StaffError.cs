namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>Why a staff command was refused; <see cref="None"/> on success.</summary>
public enum StaffError
{
    /// <summary>The command succeeded (or repeated what is already so).</summary>
    None,

    /// <summary>No staff member has this id.</summary>
    NotFound,

    /// <summary>The id already belongs to a staff member with different roles or doctor link.</summary>
    AlreadyExists,

    /// <summary>An admin tried to remove their own admin role.</summary>
    RemovesOwnAdmin,
}
