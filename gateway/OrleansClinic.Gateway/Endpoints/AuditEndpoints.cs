using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Audit;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Http;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>GET /api/v1/audit</c> and <c>GET /api/v1/audit/verify</c> (practice managers, admins).</summary>
public static class AuditEndpoints
{
    /// <summary>Most entries one read returns; narrow by entity or time for more.</summary>
    public const int MaxLimit = 5_000;

    /// <summary>Maps the audit endpoints.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        audit.MapGet("/", Find);
        audit.MapGet("/verify", Verify);
        return app;
    }

    private static async Task<Results<Ok<AuditEntryResponse[]>, ProblemHttpResult>> Find(
        HttpContext http, IGrainFactory grains, string? entityId, string? from, string? to, int? limit)
    {
        var caller = Caller.From(http.User);
        if (!caller.Is(ClinicRoles.PracticeManager) && !caller.Is(ClinicRoles.Admin))
        {
            return Problems.Forbidden();
        }

        var reader = new FieldReader();
        var entity = entityId is null ? null : reader.Text("entityId", entityId, 128);
        Instant? start = from is null ? null : QueryRange.ReadInstant(reader, "from", from);
        Instant? end = to is null ? null : QueryRange.ReadInstant(reader, "to", to);
        var count = reader.Number("limit", limit ?? 1_000, 1, MaxLimit);
        if (reader.IsValid && start is { } s && end is { } e && e <= s)
        {
            reader.Fail("to", "must be after from");
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var entries = await grains.GetGrain<IAuditDeskGrain>(0).Find(new AuditQuery(entity, start, end, count));
        return TypedResults.Ok(entries.Select(AuditEntryResponse.From).ToArray());
    }

    private static async Task<Results<Ok<AuditVerificationResponse>, ProblemHttpResult>> Verify(HttpContext http, IGrainFactory grains)
    {
        // Practice managers answer for the clinic's records too: whoever may read the trail may check it is whole.
        var caller = Caller.From(http.User);
        if (!caller.Is(ClinicRoles.PracticeManager) && !caller.Is(ClinicRoles.Admin))
        {
            return Problems.Forbidden();
        }

        var result = await grains.GetGrain<IAuditDeskGrain>(0).Verify();
        return TypedResults.Ok(new AuditVerificationResponse(
            result.Intact, result.Entries, result.HeadSequence, result.HeadHash, result.BrokenAt, result.Problem, InstantPattern.ExtendedIso.Format(result.CheckedAt),
            result.AnchorsChecked, result.AnchoredSequence));
    }
}

/// <summary>An audit entry: who (opaque id and roles) did what to which entity, when, with what outcome and why; and its chain hash.</summary>
public sealed record AuditEntryResponse(
    long Sequence, string At, string ActorId, string ActorRole, string Action, string EntityType, string EntityId, string? CorrelationId,
    string Outcome, string? Reason, string Hash)
{
    /// <summary>The API form of an entry.</summary>
    public static AuditEntryResponse From(AuditEntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, InstantPattern.ExtendedIso.Format(entry.At), entry.ActorId, entry.ActorRole, entry.Action, entry.EntityType,
            entry.EntityId, entry.CorrelationId, entry.Outcome, entry.Reason, entry.Hash);
    }
}

/// <summary>
/// Whether the chain is intact, how long it is, its head (for an auditor to note), where it breaks if not, and how many
/// anchors kept outside the database it was checked against, up to which entry.
/// </summary>
public sealed record AuditVerificationResponse(
    bool Intact, long Entries, long HeadSequence, string HeadHash, long? BrokenAt, string? Problem, string CheckedAt, long AnchorsChecked, long? AnchoredSequence);
