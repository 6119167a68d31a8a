using Orleans.Storage;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Events;

/// <summary>Writes a grain's state together with its pending outbox events.</summary>
internal static class StateWriter
{
    /// <summary>
    /// Persists the state and, once it is durable, forgets the events it carried (the storage wrote them to the outbox in
    /// the same transaction). A write refused because another activation changed the state means this activation is
    /// stale: it deactivates so the next call loads the truth. Any other failure reloads the stored state.
    /// </summary>
    public static async Task SaveAsync<T>(this IGrainBase grain, IPersistentState<T> state)
        where T : IOutboxState
    {
        try
        {
            await state.WriteStateAsync();
            state.State.PendingEvents.Clear();
        }
        catch (InconsistentStateException)
        {
            grain.DeactivateOnIdle();
            throw;
        }
        catch (Exception)
        {
            // The write was rolled back: drop the in-memory change and its events so memory matches storage again.
            await state.ReadStateAsync();
            throw;
        }
    }
}
