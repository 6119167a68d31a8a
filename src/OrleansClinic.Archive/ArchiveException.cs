namespace OrleansClinic.Archive;

/// <summary>A failure of the record archive about one object, named by its store key.</summary>
public class ArchiveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArchiveException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ArchiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ArchiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception about the object under <paramref name="key"/>.</summary>
    public ArchiveException(string key, string message, Exception? innerException = null)
        : base(message, innerException) => Key = key;

    /// <summary>The store key of the object concerned, when known.</summary>
    public string? Key { get; }
}
