using Microsoft.AspNetCore.Authorization;

namespace OrleansClinic.Gateway.Auth;

/// <summary>Role-based authorization policies; per-object checks happen in the handlers through <see cref="Caller"/>.</summary>
public static class ClinicPolicies
{
    /// <summary>Clinic staff: receptionist, practice manager, admin.</summary>
    public const string Staff = "staff";

    /// <summary>Those who manage doctors: practice manager, admin.</summary>
    public const string ManageDoctors = "manage-doctors";

    /// <summary>Adds the clinic's policies; every endpoint requires a signed-in caller unless it opts out.</summary>
    public static AuthorizationBuilder AddClinicPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Staff, p => p.RequireRole([.. ClinicRoles.Staff]))
            .AddPolicy(ManageDoctors, p => p.RequireRole(ClinicRoles.PracticeManager, ClinicRoles.Admin));
    }
}
