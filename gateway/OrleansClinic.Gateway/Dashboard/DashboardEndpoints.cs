using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OrleansClinic.Gateway.Auth;

namespace OrleansClinic.Gateway.Dashboard;

/// <summary>
/// The staff dashboard: static files under <c>/dashboard/</c> (no data in them; everything comes from the public API
/// under the user's token) and the settings the page needs before sign-in: how users sign in here.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the page lives.</summary>
    public const string Path = "/dashboard/";

    // The page loads only its own files and talks only to this gateway: an injected script or frame has nowhere to go.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Serves the dashboard's files; call before authentication, as they are public.</summary>
    public static IApplicationBuilder UseDashboardFiles(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var environment = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>();
        var folder = new[] { environment.WebRootPath, System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot") }
            .Where(root => root is not null)
            .Select(root => System.IO.Path.Combine(root!, "dashboard"))
            .FirstOrDefault(Directory.Exists);
        if (folder is null)
        {
            // A gateway built without its web root (a trimmed image) still serves the API.
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/dashboard", FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/dashboard",
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Always asked again: a deployment's new page must not meet an old script.
                headers.CacheControl = "no-cache";
            },
        });
    }

    /// <summary>Maps the sign-in setting and sends <c>/</c> to the page (the static files add the slash to <c>/dashboard</c>).</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => TypedResults.Redirect(Path)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/dashboard/settings", (IConfiguration configuration, IOptions<CognitoOptions> cognito) => TypedResults.Ok(SettingsFor(configuration, cognito.Value)))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static DashboardSettings SettingsFor(IConfiguration configuration, CognitoOptions cognito)
    {
        if (ClinicAuthentication.UsesDevIssuer(configuration))
        {
            return new DashboardSettings("dev");
        }

        // Everything here is public: the hosted UI shows the same values in its own address bar.
        return CognitoAuthentication.IsConfigured(configuration) && cognito.HostedUi is { } hostedUi
            ? new DashboardSettings("cognito-hosted", new Uri(hostedUi, "oauth2/authorize").AbsoluteUri, cognito.HostedUiClientId, cognito.HostedUiScope, new Uri(hostedUi, "logout").AbsoluteUri)
            : new DashboardSettings("cognito");
    }
}
