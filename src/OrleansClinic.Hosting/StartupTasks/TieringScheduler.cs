using OrleansClinic.Tiering;

namespace OrleansClinic.Hosting.StartupTasks;

/// <summary>Makes sure the tiering job's schedule exists when a silo starts; idempotent, so every silo may run it.</summary>
public sealed class TieringScheduler(IGrainFactory grains) : IStartupTask
{
    /// <inheritdoc />
    public Task Execute(CancellationToken cancellationToken) => grains.GetGrain<ITieringJobGrain>(ITieringJobGrain.Appointments).Schedule();
}
