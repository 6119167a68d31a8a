namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>A grain that persists through the clinic provider with outbox events and keeps a reminder, like a clinic grain.</summary>
public sealed class ProbeGrain(
    [PersistentState(ClinicStorage.ScheduleDay, ClinicStorage.ProviderName)] IPersistentState<EventfulState> state)
    : Grain, IProbeGrain, IRemindable
{
    public async Task Raise(string eventType)
    {
        state.State.Counter++;
        state.State.PendingEvents.Add(Events.About(this.GetPrimaryKeyString(), eventType));
        await state.WriteStateAsync();
        state.State.PendingEvents.Clear();
    }

    public Task<int> Count() => Task.FromResult(state.State.Counter);

    public Task Remind() => this.RegisterOrUpdateReminder("probe", TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
