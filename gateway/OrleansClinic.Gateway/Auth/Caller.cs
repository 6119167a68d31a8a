using System.Security.Claims;

namespace OrleansClinic.Gateway.Auth;

/// <summary>The signed-in caller: their opaque id (the token's subject) and roles, with the per-object checks of the API.</summary>
public sealed record Caller(string Id, IReadOnlySet<string> Roles)
{
    /// <summary>Reads the caller from an authenticated principal.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClinicClaims.Subject) ?? "";
        return new Caller(id, user.FindAll(ClinicClaims.Groups).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>True when the caller has any staff role.</summary>
    public bool IsStaff => Roles.Overlaps(ClinicRoles.Staff);

    /// <summary>True when the caller has <paramref name="role"/>.</summary>
    public bool Is(string role) => Roles.Contains(role);

    /// <summary>True when the caller is this patient.</summary>
    public bool IsPatient(string patientId) => Is(ClinicRoles.Patient) && Id == patientId;

    /// <summary>True when the caller is this doctor.</summary>
    public bool IsDoctor(string doctorId) => Is(ClinicRoles.Doctor) && Id == doctorId;
}
