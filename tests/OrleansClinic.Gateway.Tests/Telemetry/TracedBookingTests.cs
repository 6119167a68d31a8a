using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrleansClinic.Gateway.Live;
using OrleansClinic.Hosting.Telemetry;
using OrleansClinic.Outbox;
using OrleansClinic.Streaming.Kafka;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests.Telemetry;

/// <summary>
/// One booking, one trace: the gateway's request, the grain calls, PostgreSQL, the outbox relay's publish, the Kafka
/// receipt and the live screen's delivery share a trace id and the request's correlation id, with the clinic's own
/// OpenTelemetry pipeline (sampler, correlation id processor) exporting to memory.
/// </summary>
public sealed class TracedBookingTests(PostgresServer postgres)
{
    private const string Correlation = "corr-traced-booking-1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_bookings_trace_runs_from_the_request_through_grains_postgres_the_outbox_and_kafka_to_the_live_screen()
    {
        var connectionString = await postgres.CreateDatabaseAsync("traced_booking");
        var spans = new SpanCollection();
        await using var api = new ClinicGatewayHost(
            TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString, ["Kafka:BootstrapServers"] = "embedded" }),
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        await using var live = await SseReader.Open(await api.SignIn("staff-traced", "receptionist"), $"/api/v1/doctors/{doctor}/schedule/events");

        using var book = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
        {
            Content = JsonContent.Create(new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0) }),
        };
        book.Headers.Add("Idempotency-Key", "traced-" + Guid.NewGuid());
        book.Headers.Add("X-Correlation-Id", Correlation);
        Assert.Equal(HttpStatusCode.Created, (await patient.SendAsync(book)).StatusCode);
        await live.ReadUntil(e => e.Any(m => m.Event == "slot.booked"), Wait);

        var request = Assert.Single(spans.All(), s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem(ClinicTelemetry.CorrelationIdTag), Correlation));
        Assert.Equal(ActivityKind.Server, request.Kind);
        var trace = await TraceUntil(spans, request.TraceId, t => t.Any(s => s.Source.Name == LiveTracing.SourceName));

        var grainCall = Assert.Single(trace, s => IsOrleans(s) && s.Kind == ActivityKind.Server
            && s.GetTagItem("rpc.method") is string method && method.EndsWith("IAppointmentGrain/Book", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client && HasAncestor(trace, s, grainCall));
        var sent = trace.Where(s => s.Source.Name == OutboxTracing.SourceName && s.Kind == ActivityKind.Producer).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, s => Assert.Contains(trace, grain => grain.SpanId == s.ParentSpanId && IsOrleans(grain)));
        var received = trace.Where(s => s.Source.Name == KafkaTracing.SourceName && s.Kind == ActivityKind.Consumer).ToList();
        Assert.NotEmpty(received);
        Assert.All(received, r => Assert.Contains(sent, s => s.SpanId == r.ParentSpanId));
        var delivered = Assert.Single(trace, s => s.Source.Name == LiveTracing.SourceName && Equals(s.GetTagItem("clinic.event_type"), "slot.booked"));
        Assert.Contains(received, r => r.SpanId == delivered.ParentSpanId && Equals(r.GetTagItem("messaging.destination.name"), "clinic.doctors"));

        // Every span of the request, wherever it ran, names its correlation id; none names the patient.
        Assert.All(trace, s => Assert.Equal(Correlation, s.GetTagItem(ClinicTelemetry.CorrelationIdTag)));
        var details = FictionalPatients.Details();
        Assert.All(trace, s => Assert.All(s.TagObjects, t =>
        {
            Assert.DoesNotContain(details.FamilyName, $"{t.Value}", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(details.Email!, $"{t.Value}", StringComparison.OrdinalIgnoreCase);
        }));
        Assert.All(trace.Where(s => s.Source.Name is not ("Microsoft.AspNetCore" or "Microsoft.Orleans.Application" or "Microsoft.Orleans.Runtime" or "Npgsql")),
            s => Assert.All(s.TagObjects, t => Assert.DoesNotContain(patientId, $"{t.Value}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Probes_are_not_traced_and_a_request_without_a_correlation_id_is_traced_under_the_one_it_was_given()
    {
        var spans = new SpanCollection();
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>(), services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var response = await client.GetAsync("/api/v1/privacy-policy");
        var given = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));

        var request = await Eventually(() => spans.All().SingleOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem(ClinicTelemetry.CorrelationIdTag), given)));
        Assert.Equal("/api/v1/privacy-policy", request.GetTagItem("url.path"));
        Assert.DoesNotContain(spans.All(), s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem("url.path"), "/healthz"));
    }

    // Orleans files calls to interfaces in namespaces starting "Orleans" (OrleansClinic's too) under its runtime source.
    private static bool IsOrleans(Activity span) => span.Source.Name is "Microsoft.Orleans.Application" or "Microsoft.Orleans.Runtime";

    private static bool HasAncestor(List<Activity> trace, Activity span, Activity ancestor)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }

            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }

        return false;
    }

    private static async Task<List<Activity>> TraceUntil(SpanCollection spans, ActivityTraceId traceId, Func<List<Activity>, bool> complete)
    {
        var deadline = DateTime.UtcNow + Wait;
        var trace = spans.Trace(traceId);
        while (!complete(trace))
        {
            Assert.True(DateTime.UtcNow < deadline, "The trace never reached the live screen: " + string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
            await Task.Delay(100);
            trace = spans.Trace(traceId);
        }

        // Spans still in flight when the last one arrived (the other copies' receipts) get a moment to land.
        await Task.Delay(500);
        return spans.Trace(traceId);
    }

    private static async Task<T> Eventually<T>(Func<T?> find)
        where T : class
    {
        var deadline = DateTime.UtcNow + Wait;
        while (find() is not { } found)
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for a span.");
            await Task.Delay(50);
        }

        return find()!;
    }
}
