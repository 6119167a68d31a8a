using System.Diagnostics;
using OpenTelemetry.Trace;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>
/// Decides once per trace, where work enters the clinic (an HTTP request, a Kafka message, a reminder), and lets every
/// later span follow: a booking's trace is kept or dropped whole, through grain calls, the outbox and Kafka. A database
/// or HTTP call with no parent is background polling (the outbox relay, membership, leases) and is not traced.
/// </summary>
internal sealed class ClinicSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly TraceIdRatioBasedSampler roots = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var parent = samplingParameters.ParentContext;
        if (parent.TraceId != default)
        {
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Keep : Drop;
        }

        return samplingParameters.Kind is ActivityKind.Client or ActivityKind.Internal ? Drop : roots.ShouldSample(samplingParameters);
    }
}
