namespace OrleansClinic.Domain.Staff;

/// <summary>The roles a staff member may hold, by the names tokens carry them under.</summary>
public static class StaffRoles
{
    /// <summary>A doctor of the clinic.</summary>
    public const string Doctor = "doctor";

    /// <summary>Front-desk staff.</summary>
    public const string Receptionist = "receptionist";

    /// <summary>Runs the practice.</summary>
    public const string PracticeManager = "practice_manager";

    /// <summary>Administers the system, staff included.</summary>
    public const string Admin = "admin";

    /// <summary>Every staff role, in the order the clinic lists them; <c>patient</c> is not one, since patients are never staff.</summary>
    public static IReadOnlyList<string> All { get; } = [Doctor, Receptionist, PracticeManager, Admin];

    /// <summary>True when <paramref name="role"/> is a staff role, spelled exactly.</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The known roles among <paramref name="roles"/> in the clinic's order, so the same set always reads the same.</summary>
    public static IReadOnlyList<string> InOrder(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var given = roles.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(given.Contains)];
    }
}
