using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Notifications;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>GET /api/v1/notifications/dead-letters</c>: the notices that never went out, for staff to follow up.</summary>
public static class NotificationsEndpoints
{
    /// <summary>Maps the staff view of dead letters.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/notifications/dead-letters", DeadLetters).WithTags("Notifications");
        return app;
    }

    private static async Task<Results<Ok<DeadLetterResponse[]>, ProblemHttpResult>> DeadLetters(HttpContext http, IGrainFactory grains)
    {
        if (!Caller.From(http.User).IsStaff)
        {
            return Problems.Forbidden();
        }

        var letters = await grains.GetGrain<INotificationDeskGrain>(0).DeadLetters();
        return TypedResults.Ok(letters.Select(d => new DeadLetterResponse(
            d.Key, d.PatientId, d.Channel, d.Kind, d.Attempts, d.LastError, NodaTime.Text.InstantPattern.ExtendedIso.Format(d.UpdatedAt))).ToArray());
    }
}

/// <summary>A notice that never went out: which, to whom (id only), how, how often tried and why it failed.</summary>
public sealed record DeadLetterResponse(string Key, string PatientId, string Channel, string Kind, int Attempts, string? LastError, string UpdatedAt);
