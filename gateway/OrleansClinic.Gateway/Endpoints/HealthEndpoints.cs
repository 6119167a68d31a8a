using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/healthz</c> (the process is alive) and <c>/readyz</c> (the cluster and its storage answer).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps liveness and readiness.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok"))).AllowAnonymous().WithTags("Health");
        app.MapGet("/readyz", Ready).AllowAnonymous().WithTags("Health");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            // The directory grain lives in the cluster and reads its state from storage: one call proves both.
            await grains.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(null, null).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return TypedResults.Ok(new HealthResponse("ready"));
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            return TypedResults.Json(new HealthResponse("not_ready"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>Health status.</summary>
public sealed record HealthResponse(string Status);
