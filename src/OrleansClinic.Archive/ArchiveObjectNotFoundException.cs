namespace OrleansClinic.Archive;

/// <summary>No object is stored under the key.</summary>
public sealed class ArchiveObjectNotFoundException : ArchiveException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ArchiveObjectNotFoundException()
        : base("No archived object is stored under this key.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ArchiveObjectNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ArchiveObjectNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception about the object under <paramref name="key"/>.</summary>
    public ArchiveObjectNotFoundException(string key, string message, Exception? innerException = null)
        : base(key, message, innerException)
    {
    }
}
