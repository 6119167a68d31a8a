namespace OrleansClinic.Domain.Staff;

/// <summary>The rules a staff member's roles obey when they join and whenever an admin changes them.</summary>
public static class StaffRoleRules
{
    /// <summary>The first thing wrong with <paramref name="roles"/>, or null when they may be held.</summary>
    public static StaffRoleProblem? Check(IReadOnlyCollection<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            return StaffRoleProblem.NoRole;
        }

        if (!roles.All(StaffRoles.IsKnown))
        {
            return StaffRoleProblem.UnknownRole;
        }

        return roles.Distinct(StringComparer.Ordinal).Count() == roles.Count ? null : StaffRoleProblem.DuplicateRole;
    }

    /// <summary>The first thing wrong with a new staff member's roles and optional linked doctor id, or null.</summary>
    public static StaffRoleProblem? CheckNew(IReadOnlyCollection<string>? roles, string? doctorId)
    {
        if (Check(roles) is { } problem)
        {
            return problem;
        }

        return doctorId is not null && !roles!.Contains(StaffRoles.Doctor, StringComparer.Ordinal) ? StaffRoleProblem.DoctorLinkWithoutDoctorRole : null;
    }

    /// <summary>
    /// The first thing wrong with <paramref name="actor"/> replacing <paramref name="staffId"/>'s roles
    /// <paramref name="current"/> by <paramref name="next"/>, or null.
    /// </summary>
    public static StaffRoleProblem? CheckChange(string staffId, string actor, IReadOnlyCollection<string> current, IReadOnlyCollection<string>? next)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (Check(next) is { } problem)
        {
            return problem;
        }

        // Another admin can give the role back; an admin who drops their own may leave the clinic with none.
        var dropsOwnAdmin = string.Equals(staffId, actor, StringComparison.Ordinal)
            && current.Contains(StaffRoles.Admin, StringComparer.Ordinal)
            && !next!.Contains(StaffRoles.Admin, StringComparer.Ordinal);
        return dropsOwnAdmin ? StaffRoleProblem.RemovesOwnAdmin : null;
    }
}
