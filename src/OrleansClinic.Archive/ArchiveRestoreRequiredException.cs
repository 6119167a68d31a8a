namespace OrleansClinic.Archive;

/// <summary>The object is in a cold storage class (Glacier Flexible Retrieval, Deep Archive): request a restore with <see cref="IArchiveStore.RequestRestoreAsync"/> and read it once <see cref="IArchiveStore.HeadAsync"/> says <see cref="ArchiveRetrievalState.Restored"/>.</summary>
public sealed class ArchiveRestoreRequiredException : ArchiveException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ArchiveRestoreRequiredException()
        : base("The archived object is in a cold storage class; request a restore before reading it.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ArchiveRestoreRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ArchiveRestoreRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception about the object under <paramref name="key"/>.</summary>
    public ArchiveRestoreRequiredException(string key, string message, Exception? innerException = null)
        : base(key, message, innerException)
    {
    }
}
