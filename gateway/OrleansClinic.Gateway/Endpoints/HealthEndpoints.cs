using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Hosting;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary><c>/healthz</c> (the process is alive) and <c>/readyz</c> (the cluster and, on PostgreSQL, the database answer).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps liveness and readiness.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok"))).AllowAnonymous().WithTags("Health");
        app.MapGet("/readyz", Ready).AllowAnonymous().WithTags("Health");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(
        IGrainFactory grains, IConfiguration configuration, CancellationToken cancellationToken)
    {
        try
        {
            // A grain call proves the cluster answers; a query proves the database does (when there is one).
            await grains.GetGrain<IDoctorDirectoryGrain>(IDoctorDirectoryGrain.ClinicKey).Find(null, null).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            if (ClinicHostOptions.From(configuration) is { UsesPostgres: true } options)
            {
                await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
                await connection.OpenAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }

            return TypedResults.Ok(new HealthResponse("ready"));
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException or NpgsqlException)
        {
            return TypedResults.Json(new HealthResponse("not_ready"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>Health status.</summary>
public sealed record HealthResponse(string Status);
