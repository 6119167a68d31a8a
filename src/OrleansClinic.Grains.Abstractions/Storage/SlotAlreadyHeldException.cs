namespace OrleansClinic.Grains.Abstractions.Storage;

/// <summary>
/// Thrown by the storage when the database refuses an appointment write because another live appointment already holds
/// an overlapping slot of the same doctor: the last line of defence against a double booking. It is an
/// <see cref="OrleansException"/> so Orleans' state bridge passes it to the grain as it is instead of wrapping it.
/// </summary>
[GenerateSerializer]
public sealed class SlotAlreadyHeldException : OrleansException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SlotAlreadyHeldException()
        : base("Another live appointment already holds this doctor's slot.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SlotAlreadyHeldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the database error that caused it.</summary>
    public SlotAlreadyHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
