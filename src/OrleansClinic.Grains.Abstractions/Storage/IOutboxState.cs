namespace OrleansClinic.Grains.Abstractions.Storage;

/// <summary>
/// Grain state that carries domain events to be committed with it. The storage provider writes
/// <see cref="PendingEvents"/> to the outbox in the state's transaction; the grain clears them after a successful write.
/// </summary>
public interface IOutboxState
{
    /// <summary>Events raised since the last successful write. Never part of the persisted state itself.</summary>
    List<OutboxEvent> PendingEvents { get; }
}
