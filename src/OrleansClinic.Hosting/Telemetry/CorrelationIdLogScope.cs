using Microsoft.Extensions.Logging;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>
/// Opens a log scope with the request's correlation id (from Orleans' request context) around every grain call, so what
/// a grain logs on a silo carries the id the gateway gave the request, as the gateway's own logs do.
/// </summary>
internal sealed class CorrelationIdLogScope(ILogger<CorrelationIdLogScope> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(KafkaHeaders.CorrelationIdRequestContextKey) is not string { Length: > 0 } id)
        {
            await context.Invoke();
            return;
        }

        using (logger.BeginScope("CorrelationId:{CorrelationId}", id))
        {
            await context.Invoke();
        }
    }
}
