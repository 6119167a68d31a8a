using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansClinic.Gateway.Tests;

public sealed class CorrelationLoggingTests
{
    [Fact]
    public async Task Logs_written_while_serving_a_request_carry_its_correlation_id()
    {
        var logs = new CapturedLogs();
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>(), services => services.AddLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>("Microsoft.AspNetCore", LogLevel.Debug)));
        var client = await api.SignIn("p-demo-1", "patient");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/doctors/d-wattle");
        request.Headers.Add("X-Correlation-Id", "corr-logged-42");

        await client.SendAsync(request);

        Assert.Contains(logs.Entries, e => e.Scope.TryGetValue("CorrelationId", out var id) && Equals(id, "corr-logged-42"));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("corr-logged-42", StringComparison.Ordinal) && !e.Scope.ContainsKey("CorrelationId"));
    }
}
