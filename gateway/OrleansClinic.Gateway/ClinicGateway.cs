using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Dashboard;
using OrleansClinic.Gateway.Endpoints;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Gateway.Live;
using OrleansClinic.Gateway.PrivacyPolicy;
using OrleansClinic.Hosting;
using OrleansClinic.Hosting.Telemetry;

namespace OrleansClinic.Gateway;

/// <summary>Everything the gateway adds to the host and to the request pipeline, so Program.cs stays wiring only.</summary>
public static partial class ClinicGateway
{
    /// <summary>
    /// Adds the gateway's services: the cluster (a co-hosted silo by default, or a client of a separate cluster when
    /// <c>Clinic:Gateway:Mode</c> is <c>client</c>), telemetry, authentication, problem details and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddClinicGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.Equals(builder.Configuration["Clinic:Gateway:Mode"], "client", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddClinicClient();
            builder.Services.AddClinicGrainServices();
        }
        else
        {
            builder.AddClinicSilo();
        }

        builder.AddClinicTelemetry("orleansclinic-gateway");

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = 16);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["correlationId"] = CorrelationId.Of(context.HttpContext);
            context.ProblemDetails.Extensions.Remove("traceId");
        });
        builder.Services.AddExceptionHandler<ClinicExceptionHandler>();
        builder.AddClinicAuthentication();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IdempotencyMetrics>();
        builder.Services.AddLiveUpdates();
        builder.Services.AddSingleton(PrivacyPolicyDocuments.Load());
        return builder;
    }

    /// <summary>The request pipeline and every endpoint of the public API.</summary>
    public static WebApplication UseClinicGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseClinicTelemetry();
        app.UseMiddleware<CorrelationId>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseDashboardFiles();
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            var caller = Caller.From(context.User);
            OrleansClinic.Grains.Abstractions.ClinicRequestContext.Actor = caller.Id is { Length: > 0 } id ? id : "anonymous";
            OrleansClinic.Grains.Abstractions.ClinicRequestContext.ActorRole = caller.Roles.Overlaps(ClinicRoles.All) ? string.Join(',', caller.Roles.Where(ClinicRoles.All.Contains).Order(StringComparer.Ordinal)) : "none";
            return next(context);
        });
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyKeys>();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthApi();
        app.MapDashboard();
        if (ClinicAuthentication.UsesDevIssuer(app.Configuration))
        {
            app.MapDevTokenApi();
        }

        app.MapDoctorsApi();
        app.MapSlotsApi();
        app.MapAppointmentsApi();
        app.MapPatientsApi();
        app.MapPatientRightsApi();
        app.MapPatientSearchApi();
        app.MapReassignmentsApi();
        app.MapConsentsApi();
        app.MapStaffApi();
        app.MapLiveApi();
        app.MapPrivacyPolicyApi();
        app.MapAuthApi();
        app.MapTwilioStatusApi();
        app.MapNotificationsApi();
        app.MapAuditApi();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceReady(app));
        return app;
    }

    private static void AnnounceReady(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClinicGateway).FullName!);
        LogReady(logger, string.Join(", ", app.Urls), ClinicAuthentication.UsesDevIssuer(app.Configuration) ? "POST /dev/token" : "your identity provider");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OrleansClinic is ready at {Urls}. Sign in with {SignIn}; the API is described at /openapi/v1.json")]
    private static partial void LogReady(ILogger logger, string urls, string signIn);
}
