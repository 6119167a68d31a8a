using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using OrleansClinic.Notifications.Channels;

namespace OrleansClinic.Notifications;

/// <summary>Registers the notification channels and ledger a silo's <see cref="NotificationGrain"/> uses.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="NotificationOptions"/>, the <see cref="NotificationMetrics"/>, Twilio for SMS and SendGrid for email where configured (a local
    /// file otherwise), and the ledger: on PostgreSQL when <paramref name="postgresConnectionString"/> is given, else in memory.
    /// </summary>
    public static IServiceCollection AddClinicNotifications(this IServiceCollection services, Action<NotificationOptions> configure, string? postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<NotificationOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<NotificationMetrics>();
        services.AddSingleton<INotificationSender>(sp => Options(sp).Twilio.IsConfigured
            ? new TwilioSmsSender(Http(Options(sp).Twilio.BaseUrl), sp.GetRequiredService<IOptions<NotificationOptions>>())
            : Local(sp, NotificationChannel.Sms));
        services.AddSingleton<INotificationSender>(sp => Options(sp).SendGrid.IsConfigured
            ? new SendGridEmailSender(Http(null), sp.GetRequiredService<IOptions<NotificationOptions>>())
            : Local(sp, NotificationChannel.Email));
        if (postgresConnectionString is { Length: > 0 })
        {
            services.TryAddSingleton<INotificationLedger>(_ => new PostgresNotificationLedger(NpgsqlDataSource.Create(postgresConnectionString)));
        }
        else
        {
            services.TryAddSingleton<INotificationLedger>(sp => new InMemoryNotificationLedger(sp.GetService<IClock>() ?? SystemClock.Instance));
        }

        return services;
    }

    private static NotificationOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<NotificationOptions>>().Value;

    private static LocalNotificationSink Local(IServiceProvider services, string channel) =>
        new(channel, services.GetRequiredService<IOptions<NotificationOptions>>(), services.GetRequiredService<ILogger<LocalNotificationSink>>());

    // One client per provider for the process: Retry-After is captured beneath the SDK, and a stand-in's address replaces the provider's.
    private static HttpClient Http(string? baseUrl)
    {
        HttpMessageHandler handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (baseUrl is { Length: > 0 })
        {
            handler = new ProviderEndpointHandler(new Uri(baseUrl)) { InnerHandler = handler };
        }

        return new HttpClient(new RetryAfterCapture { InnerHandler = handler }) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
