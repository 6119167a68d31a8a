namespace OrleansClinic.Gateway.Live;

/// <summary>
/// Ends the hub's subscriptions when the host stops. Registered after the co-hosted silo, it stops before it (hosted
/// services stop in reverse order), so the unsubscribes still reach the cluster and leave no dead consumers behind.
/// </summary>
internal sealed class LiveStreamHubLifetime(LiveStreamHub hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await hub.DisposeAsync();
}
