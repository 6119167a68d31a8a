using System.Diagnostics;
using OpenTelemetry;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>
/// Stamps every span with the correlation id of the request it serves (<c>clinic.correlation_id</c>): from Orleans'
/// request context, which the gateway fills and grain calls and stream deliveries carry, else from the parent span in
/// this process. Spans that set it themselves (Kafka, the outbox relay, live updates) keep theirs.
/// </summary>
internal sealed class CorrelationIdProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.GetTagItem(ClinicTelemetry.CorrelationIdTag) is not null)
        {
            return;
        }

        var id = RequestContext.Get(KafkaHeaders.CorrelationIdRequestContextKey) as string
            ?? data.Parent?.GetTagItem(ClinicTelemetry.CorrelationIdTag) as string;
        if (id is { Length: > 0 })
        {
            data.SetTag(ClinicTelemetry.CorrelationIdTag, id);
        }
    }
}
