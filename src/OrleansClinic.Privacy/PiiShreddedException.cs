namespace OrleansClinic.Privacy;

/// <summary>Thrown when personal information is stored for a patient whose record has been crypto-shredded.</summary>
public sealed class PiiShreddedException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public PiiShreddedException()
        : base("The patient's personal information has been shredded.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public PiiShreddedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public PiiShreddedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
