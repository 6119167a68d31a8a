using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// <c>POST /api/v1/patients/search</c>: the front desk finds a patient by email or phone. A POST so the contact detail
/// travels in the body, never in a URL that access logs and proxies record.
/// </summary>
public static class PatientSearchEndpoints
{
    /// <summary>Purpose logged for a lookup when the caller states none.</summary>
    public const string DefaultPurpose = "front desk lookup";

    private const int MaxContactLength = 254;

    /// <summary>Maps the search endpoint.</summary>
    public static RouteHandlerBuilder MapPatientSearchApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/patients/search", Search).WithTags("Patients");

    private static async Task<Results<Ok<PatientSearchResponse>, ProblemHttpResult>> Search(
        PatientSearchRequest? request, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        var role = caller.Is(ClinicRoles.Receptionist) ? ClinicRoles.Receptionist : caller.Is(ClinicRoles.PracticeManager) ? ClinicRoles.PracticeManager : null;
        if (role is null)
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        var email = request?.Email?.Trim();
        var phone = request?.Phone?.Trim();
        if (string.IsNullOrEmpty(email) == string.IsNullOrEmpty(phone))
        {
            reader.Fail("email", "give either email or phone, not both");
        }
        else if (email is { Length: > 0 } && (email.Length > MaxContactLength || !email.Contains('@', StringComparison.Ordinal)))
        {
            reader.Fail("email", $"must be an email address of at most {MaxContactLength} characters");
        }
        else if (phone is { Length: > 0 } && (phone.Length > MaxContactLength || phone.Count(char.IsAsciiDigit) < 6))
        {
            reader.Fail("phone", "must be a phone number in any written form, with at least 6 digits");
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var by = new DetailsAccess(caller.Id, role, PatientsEndpoints.StatedReason(http) ?? DefaultPurpose);
        var lookup = clinic.Grains.GetGrain<IPatientLookupGrain>(0);
        var ids = email is { Length: > 0 } ? await lookup.FindByEmail(email, by) : await lookup.FindByPhone(phone!, by);
        return TypedResults.Ok(new PatientSearchResponse([.. ids.Select(id => new PatientCreatedResponse(id))]));
    }
}
