using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime.Text;
using OrleansClinic.Domain.Staff;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Staff;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/staff</c>: staff members and their roles, managed by admins; ids and roles only, no personal details.</summary>
public static class StaffEndpoints
{
    private const int MaxIdLength = 64;

    /// <summary>Maps the staff resource.</summary>
    public static RouteGroupBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        // Role policies rather than handler checks: they run before the body is read, so a denied caller learns nothing
        // about the body's validity or whether the staff id exists.
        var staff = app.MapGroup("/api/v1/staff").WithTags("Staff");
        staff.MapGet("/", List).RequireAuthorization(p => p.RequireRole(ClinicRoles.PracticeManager, ClinicRoles.Admin));
        staff.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(ClinicRoles.Admin));
        staff.MapGet("/{id}", Get).RequireAuthorization(p => p.RequireRole(ClinicRoles.PracticeManager, ClinicRoles.Admin));
        staff.MapPut("/{id}/roles", SetRoles).RequireAuthorization(p => p.RequireRole(ClinicRoles.Admin));
        return staff;
    }

    private static async Task<Results<Ok<StaffSummaryResponse[]>, ProblemHttpResult>> List(string? role, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        if (role is not null && !StaffRoles.IsKnown(role))
        {
            reader.Fail("role", $"must be a staff role, one of {string.Join(", ", StaffRoles.All)}");
            return Problems.Validation(reader.Errors);
        }

        var found = await clinic.Grains.GetGrain<IStaffDirectoryGrain>(IStaffDirectoryGrain.ClinicKey).Find(role);
        return TypedResults.Ok(found.Select(StaffSummaryResponse.From).ToArray());
    }

    private static async Task<Results<Created<StaffResponse>, ProblemHttpResult>> Create(
        CreateStaffRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var id = request?.Id is null ? null : ReadId(reader, request.Id);
        var roles = ReadRoles(reader, request?.Roles);
        var doctorId = request?.DoctorId is null ? null : reader.Text("doctorId", request.DoctorId);
        if (doctorId is not null && reader.IsValid)
        {
            if (StaffRoleRules.CheckNew(roles, doctorId) is StaffRoleProblem.DoctorLinkWithoutDoctorRole)
            {
                reader.Fail("doctorId", "is only for a staff member with the doctor role");
            }
            else if (await clinic.Doctor(doctorId) is null)
            {
                reader.Fail("doctorId", "must be an existing doctor's id");
            }
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        id ??= "s-" + Guid.NewGuid().ToString("N")[..16];
        var result = await clinic.Grains.GetGrain<IStaffGrain>(id).Create(new NewStaffMember(roles, doctorId), Caller.From(http.User).Id);
        return result.Error switch
        {
            StaffError.None => TypedResults.Created($"/api/v1/staff/{id}", StaffResponse.From(result.Member!)),
            _ => Problems.Create(StatusCodes.Status409Conflict, "staff-exists", "This staff id belongs to a different staff member.",
                "Read it with GET /api/v1/staff/{id}, or choose another id."),
        };
    }

    private static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> Get(string id, [AsParameters] ClinicServices clinic) =>
        await clinic.Grains.GetGrain<IStaffGrain>(id).Get() is { } member ? TypedResults.Ok(StaffResponse.From(member)) : Problems.NotFound("staff member");

    private static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> SetRoles(
        string id, SetStaffRolesRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var reader = new FieldReader();
        var roles = ReadRoles(reader, request?.Roles);
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var result = await clinic.Grains.GetGrain<IStaffGrain>(id).SetRoles(roles, Caller.From(http.User).Id);
        switch (result.Error)
        {
            case StaffError.None:
                return TypedResults.Ok(StaffResponse.From(result.Member!));
            case StaffError.RemovesOwnAdmin:
                reader.Fail("roles", "must keep admin: you cannot remove your own admin role; ask another admin");
                return Problems.Validation(reader.Errors);
            default:
                return Problems.NotFound("staff member");
        }
    }

    private static string ReadId(FieldReader reader, string value)
    {
        // The id appears in paths and is usually the member's token subject, so it keeps to URL-safe characters.
        if (value.Length is 0 or > MaxIdLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            reader.Fail("id", $"must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.'");
        }

        return value;
    }

    private static List<string> ReadRoles(FieldReader reader, IReadOnlyList<string?>? value)
    {
        var roles = value?.Select(r => r ?? "").ToList() ?? [];
        switch (StaffRoleRules.Check(roles))
        {
            case StaffRoleProblem.NoRole:
                reader.Fail("roles", "must name at least one role");
                break;
            case StaffRoleProblem.UnknownRole:
                reader.Fail("roles", $"must be staff roles, each one of {string.Join(", ", StaffRoles.All)}; not {string.Join(", ", roles.Where(r => !StaffRoles.IsKnown(r)).Take(5))}");
                break;
            case StaffRoleProblem.DuplicateRole:
                reader.Fail("roles", "must not name a role twice");
                break;
        }

        return roles;
    }
}

/// <summary>Body of <c>POST /api/v1/staff</c>: roles, and optionally the id (the member's token subject) and a linked doctor.</summary>
public sealed record CreateStaffRequest(string? Id, IReadOnlyList<string?>? Roles, string? DoctorId);

/// <summary>Body of <c>PUT /api/v1/staff/{id}/roles</c>: the complete new set of roles.</summary>
public sealed record SetStaffRolesRequest(IReadOnlyList<string?>? Roles);

/// <summary>A staff member as the staff list shows them: id, roles, linked doctor and when added; no history, no personal details.</summary>
public sealed record StaffSummaryResponse(string Id, IReadOnlyList<string> Roles, string? DoctorId, string CreatedAt)
{
    /// <summary>The API form of a list entry.</summary>
    public static StaffSummaryResponse From(StaffSummary member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.Id, member.Roles, member.DoctorId, InstantPattern.ExtendedIso.Format(member.CreatedAt));
    }
}

/// <summary>One change of a staff member's roles as the API shows it.</summary>
public sealed record StaffRoleChangeResponse(string At, string ChangedBy, IReadOnlyList<string> From, IReadOnlyList<string> To);

/// <summary>A staff member as the API shows it: ids, roles and their history; no personal details.</summary>
public sealed record StaffResponse(
    string Id, IReadOnlyList<string> Roles, string? DoctorId, string CreatedAt, string CreatedBy, IReadOnlyList<StaffRoleChangeResponse> History)
{
    /// <summary>The API form of a staff member.</summary>
    public static StaffResponse From(StaffMemberView member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.Id, member.Roles, member.DoctorId, InstantPattern.ExtendedIso.Format(member.CreatedAt), member.CreatedBy,
            [.. member.History.Select(h => new StaffRoleChangeResponse(InstantPattern.ExtendedIso.Format(h.At), h.Actor, h.From, h.To))]);
    }
}
