namespace OrleansClinic.Audit;

/// <summary>How the audit sealer batches and how often the chain's head is anchored outside the database (section <c>Clinic:Audit</c>).</summary>
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

    /// <summary>
    /// How often a seal looks back over the whole <see cref="Lookback"/> for late rows; the seals between take only rows
    /// above the last one sealed. Looking back costs a probe of the chain for every row of the last minute, tens of
    /// thousands a second under load, so a late row (rare) is sealed up to this much later instead. Zero: every seal.
    /// </summary>
    public TimeSpan LateRowScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each silo anchors the chain's head in the archive store: a rewrite or deletion of entries up to the
    /// last anchor is found by verification, so this bounds how much of the newest history a superuser could change unseen.
    /// </summary>
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromHours(1);
}
