namespace OrleansClinic.Archive;

/// <summary>Different bytes were put under a key that already holds an object: archive objects are written once and never replaced.</summary>
public sealed class ArchiveKeyConflictException : ArchiveException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ArchiveKeyConflictException()
        : base("Another object is already stored under this key.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ArchiveKeyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ArchiveKeyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception about the object under <paramref name="key"/>.</summary>
    public ArchiveKeyConflictException(string key, string message, Exception? innerException = null)
        : base(key, message, innerException)
    {
    }
}
