using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Gateway.PrivacyPolicy;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/api/v1/patients/{id}/consents</c>: a patient's granular consents and their history.</summary>
public static class ConsentsEndpoints
{
    /// <summary>Maps the consent resource.</summary>
    public static RouteGroupBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var consents = app.MapGroup("/api/v1/patients/{id}/consents").WithTags("Consents");
        consents.MapGet("/", Get);
        consents.MapPut("/{purpose}", Put);
        return consents;
    }

    private static async Task<Results<Ok<ConsentsResponse>, ProblemHttpResult>> Get(string id, HttpContext http, [AsParameters] ClinicServices clinic)
    {
        var caller = Caller.From(http.User);
        if (!(caller.IsPatient(id) || caller.IsStaff))
        {
            return Problems.Forbidden();
        }

        if (await clinic.Grains.GetGrain<IPatientGrain>(id).Get() is null)
        {
            return Problems.NotFound("patient");
        }

        return TypedResults.Ok(Present(await clinic.Grains.GetGrain<IPatientConsentGrain>(id).History()));
    }

    private static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> Put(
        string id, string purpose, ConsentRequest? request, HttpContext http, PrivacyPolicyCatalog policies, [AsParameters] ClinicServices clinic)
    {
        // Consent is the patient's own act: staff may read it, never give or withdraw it for them.
        if (!Caller.From(http.User).IsPatient(id))
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        if (ConsentPurposes.Parse(purpose) is null)
        {
            reader.Fail("purpose", $"must be one of {string.Join(", ", ConsentPurposes.All.Select(p => p.ToApiName()))}");
        }

        if (request?.Granted is null)
        {
            reader.Fail("granted", "is required (true or false)");
        }

        if (request?.PolicyVersion is not { } version || policies.InEffectOn(version, PrivacyPolicyDocuments.Today(clinic.Clock)) is null)
        {
            reader.Fail("policyVersion", "must be a privacy-policy version in effect (see GET /api/v1/privacy-policy)");
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        if (await clinic.Grains.GetGrain<IPatientGrain>(id).Get() is null)
        {
            return Problems.NotFound("patient");
        }

        var change = await clinic.Grains.GetGrain<IPatientConsentGrain>(id).Set(purpose, request!.Granted!.Value, request.PolicyVersion!.Value);
        return TypedResults.Ok(Present(change.Latest));
    }

    /// <summary>The API form of a consent history: each purpose's current decision, and every change.</summary>
    internal static ConsentsResponse Present(IReadOnlyList<ConsentView> history)
    {
        var current = ConsentPurposes.All.ToDictionary(
            p => p.ToApiName(),
            p => history.LastOrDefault(h => h.Purpose == p.ToApiName())?.Granted == true,
            StringComparer.Ordinal);
        return new ConsentsResponse(current, [.. history.Select(Present)]);
    }

    private static ConsentResponse Present(ConsentView view) =>
        new(view.Purpose, view.Granted, view.PolicyVersion, InstantPattern.ExtendedIso.Format(view.At), view.Actor);
}
