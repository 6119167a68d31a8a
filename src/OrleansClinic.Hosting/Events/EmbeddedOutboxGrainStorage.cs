using Orleans.Storage;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Outbox;

namespace OrleansClinic.Hosting.Events;

/// <summary>
/// The embedded clinic's grain storage: memory storage that, once a state write succeeded, hands the events it carried to
/// the in-memory outbox, as the PostgreSQL storage writes them to <c>outbox.event</c> in the state's transaction.
/// </summary>
internal sealed class EmbeddedOutboxGrainStorage(IGrainStorage inner, InMemoryOutboxStore outbox) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (grainState.State is IOutboxState { PendingEvents.Count: > 0 } state)
        {
            outbox.Append(state.PendingEvents.Select(e => new OutboxRow(
                0, e.EventId, e.EventType, e.EntityKey, e.CorrelationId, e.OccurredAt.ToDateTimeOffset(), e.Payload, e.ActorId, e.ActorRole, e.TraceParent)));
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
