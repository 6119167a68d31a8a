namespace OrleansClinic.Tiering;

/// <summary>Where a tiering run is: each phase runs to its end before the next starts.</summary>
public enum TieringPhase
{
    /// <summary>Moving appointments past the hot window to the archive.</summary>
    Moving,

    /// <summary>Reviewing records for the end of retention and destroying those due.</summary>
    Reviewing,

    /// <summary>Clearing outbox events long delivered and sealed, and consumers' memory of events past any redelivery.</summary>
    Clearing,
}
