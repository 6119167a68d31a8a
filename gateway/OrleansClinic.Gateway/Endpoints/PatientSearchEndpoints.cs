using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// <c>POST /api/v1/patients/search</c>: the front desk finds a patient by email, phone or name. A POST so the contact
/// detail or name travels in the body, never in a URL that access logs and proxies record.
/// </summary>
public static class PatientSearchEndpoints
{
    /// <summary>Purpose logged for a lookup when the caller states none.</summary>
    public const string DefaultPurpose = "front desk lookup";

    private const int MaxContactLength = 254;
    private const int MinNameLength = 2;
    private const int MaxNameLength = 200;

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
        var (field, value) = Criterion(request, reader);
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var by = new DetailsAccess(caller.Id, role, PatientsEndpoints.StatedReason(http) ?? DefaultPurpose);
        var lookup = clinic.Grains.GetGrain<IPatientLookupGrain>(0);
        var ids = field switch
        {
            "email" => await lookup.FindByEmail(value, by),
            "phone" => await lookup.FindByPhone(value, by),
            _ => await lookup.FindByName(value, by),
        };
        return TypedResults.Ok(new PatientSearchResponse([.. ids.Select(id => new PatientCreatedResponse(id))]));
    }

    /// <summary>The one field searched by and its trimmed value; the reader holds why when there is not exactly one well-formed field.</summary>
    private static (string Field, string Value) Criterion(PatientSearchRequest? request, FieldReader reader)
    {
        (string Field, string? Value)[] fields = [("email", request?.Email?.Trim()), ("phone", request?.Phone?.Trim()), ("name", request?.Name?.Trim())];
        var given = fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        if (given.Count != 1)
        {
            foreach (var (name, _) in given.Count == 0 ? [.. fields] : given)
            {
                reader.Fail(name, "give exactly one of email, phone or name");
            }

            return ("", "");
        }

        var (field, value) = (given[0].Field, given[0].Value!);
        switch (field)
        {
            case "email" when value.Length > MaxContactLength || !value.Contains('@', StringComparison.Ordinal):
                reader.Fail(field, $"must be an email address of at most {MaxContactLength} characters");
                break;
            case "phone" when value.Length > MaxContactLength || value.Count(char.IsAsciiDigit) < 6:
                reader.Fail(field, "must be a phone number in any written form, with at least 6 digits");
                break;
            case "name" when value.Length is < MinNameLength or > MaxNameLength || !value.Any(char.IsLetter) || value.Any(char.IsControl):
                reader.Fail(field, $"must be {MinNameLength} to {MaxNameLength} characters with at least one letter");
                break;
        }

        return (field, value);
    }
}
