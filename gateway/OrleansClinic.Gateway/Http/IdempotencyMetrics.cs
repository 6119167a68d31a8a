using System.Diagnostics.Metrics;

namespace OrleansClinic.Gateway.Http;

/// <summary>The gateway's <c>Idempotency-Key</c> instrument on the <c>OrleansClinic.Gateway</c> meter.</summary>
public sealed class IdempotencyMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Gateway";

    /// <summary>Counter: retried requests answered with the stored first response instead of being run again.</summary>
    public const string ReplaysName = "clinic.idempotent_replays";

    private readonly Counter<long> replays;

    /// <summary>Creates the instrument on a meter from <paramref name="meterFactory"/>, which owns and disposes it.</summary>
    public IdempotencyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        replays = meterFactory.Create(MeterName).CreateCounter<long>(ReplaysName, unit: "{request}", description: "Retries answered with the first response.");
    }

    internal void Replayed() => replays.Add(1);
}
