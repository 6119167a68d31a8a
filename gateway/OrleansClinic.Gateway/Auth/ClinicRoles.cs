namespace OrleansClinic.Gateway.Auth;

/// <summary>The roles of the clinic, as they appear in the token's <c>cognito:groups</c> claim.</summary>
public static class ClinicRoles
{
    /// <summary>A patient acting for themself.</summary>
    public const string Patient = "patient";

    /// <summary>A doctor; their id is the token's subject.</summary>
    public const string Doctor = "doctor";

    /// <summary>Front-desk staff.</summary>
    public const string Receptionist = "receptionist";

    /// <summary>Runs the practice.</summary>
    public const string PracticeManager = "practice_manager";

    /// <summary>Administers the system.</summary>
    public const string Admin = "admin";

    /// <summary>Every role there is.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Patient, Doctor, Receptionist, PracticeManager, Admin };

    /// <summary>Roles that count as clinic staff.</summary>
    public static IReadOnlySet<string> Staff { get; } = new HashSet<string>(StringComparer.Ordinal) { Receptionist, PracticeManager, Admin };
}
