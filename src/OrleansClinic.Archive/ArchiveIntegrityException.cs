namespace OrleansClinic.Archive;

/// <summary>The bytes read back do not match their recorded SHA-256 or size, or a manifest does not match its batch: the archive copy cannot be trusted.</summary>
public sealed class ArchiveIntegrityException : ArchiveException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ArchiveIntegrityException()
        : base("The archived object failed its integrity check.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ArchiveIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ArchiveIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception about the object under <paramref name="key"/>.</summary>
    public ArchiveIntegrityException(string key, string message, Exception? innerException = null)
        : base(key, message, innerException)
    {
    }
}
