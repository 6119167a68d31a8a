using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Notifications;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>GET /api/v1/notifications/undelivered</c>: notices that may not have reached the patient, for staff to follow up.</summary>
public static class NotificationsEndpoints
{
    /// <summary>Maps the staff view of undelivered notices.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/notifications/undelivered", Undelivered).WithTags("Notifications");
        return app;
    }

    private static async Task<Results<Ok<UndeliveredNoticeResponse[]>, ProblemHttpResult>> Undelivered(HttpContext http, IGrainFactory grains)
    {
        if (!Caller.From(http.User).IsStaff)
        {
            return Problems.Forbidden();
        }

        var notices = await grains.GetGrain<INotificationDeskGrain>(0).Undelivered();
        return TypedResults.Ok(notices.Select(d => new UndeliveredNoticeResponse(
            d.Key, d.PatientId, d.Channel, d.Kind, d.UndeliveredReason ?? "unknown", d.Attempts, d.LastError, d.ProviderStatus,
            NodaTime.Text.InstantPattern.ExtendedIso.Format(d.UpdatedAt))).ToArray());
    }
}

/// <summary>A notice that may not have reached the patient: which, to whom (id only), how, why, how often tried.</summary>
public sealed record UndeliveredNoticeResponse(
    string Key, string PatientId, string Channel, string Kind, string Reason, int Attempts, string? LastError, string? ProviderStatus, string UpdatedAt);
