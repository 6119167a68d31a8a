using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace OrleansClinic.Gateway.Tests.Telemetry;

/// <summary>What grains log while serving a request carries its correlation id, as the gateway's own logs do.</summary>
public sealed class GrainLogScopeTests
{
    [Fact]
    public async Task A_grains_log_entry_carries_the_correlation_id_of_the_request_it_serves()
    {
        var logs = new CapturedLogs();
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>(), services => services.AddLogging(l => l.AddProvider(logs)));
        var doctor = await api.CreateDoctor(location: "loc-" + Guid.NewGuid().ToString("N")[..8]);
        var manager = await api.SignIn("staff-log-scope", "practice_manager");
        var day = ClinicCalls.FutureWeekday(2);
        var zone = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

        using var unavailable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/doctors/{doctor}/unavailability")
        {
            Content = JsonContent.Create(new
            {
                from = day.AtStartOfDayInZone(zone).ToInstant().ToString(),
                to = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant().ToString(),
                reason = "unwell",
                kind = "emergency",
            }),
        };
        unavailable.Headers.Add("Idempotency-Key", "log-scope-" + Guid.NewGuid());
        unavailable.Headers.Add("X-Correlation-Id", "corr-grain-log-1");
        Assert.Equal(HttpStatusCode.Accepted, (await manager.SendAsync(unavailable)).StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!logs.Entries.Any(FromTheWorkflow) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var started = Assert.Single(logs.Entries, FromTheWorkflow);
        Assert.Equal("corr-grain-log-1", started.Scope.GetValueOrDefault("CorrelationId"));

        bool FromTheWorkflow((string Category, string Message, IReadOnlyDictionary<string, object?> Scope) e) =>
            e.Category.EndsWith("ReassignmentWorkflowGrain", StringComparison.Ordinal) && e.Message.Contains(doctor, StringComparison.Ordinal);
    }
}
