namespace OrleansClinic.Archive;

/// <summary>What a put did: wrote the object, or found the same bytes already there (a retried write).</summary>
public enum ArchivePutOutcome
{
    /// <summary>The object was written.</summary>
    Stored,

    /// <summary>The same bytes were already stored under the key; nothing was written.</summary>
    AlreadyStored,
}
