namespace OrleansClinic.Archive;

/// <summary>Whether an archived object can be read now, or what a reader must wait for first.</summary>
public enum ArchiveRetrievalState
{
    /// <summary>In a readable storage class (Standard, Standard-IA, Glacier Instant Retrieval): read it now.</summary>
    Available,

    /// <summary>In a cold storage class with no restored copy: request a restore before reading.</summary>
    Archived,

    /// <summary>In a cold storage class, a restore requested and not finished yet (hours on S3).</summary>
    RestoreInProgress,

    /// <summary>In a cold storage class with a temporary restored copy that can be read until it expires.</summary>
    Restored,
}
