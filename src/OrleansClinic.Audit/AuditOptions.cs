namespace OrleansClinic.Audit;

/// <summary>How the audit sealer batches (section <c>Clinic:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Clinic:Audit";

    /// <summary>Pause between seals when the last one found less than a batch: bookings never wait for the audit trail.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most records sealed in one transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// How far behind its last row the sealer keeps looking for rows committed late (a transaction that took an id before
    /// a neighbour and committed after it): longer than any clinic transaction lasts.
    /// </summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(1);
}
