using Orleans.Streams;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>An explicit consumer of stream <c>probe/{key}</c> that sums what it receives.</summary>
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain
{
    public const string Provider = "s";
    public const string Namespace = "probe";

    private int received;

    private IAsyncStream<int> Stream => this.GetStreamProvider(Provider).GetStream<int>(StreamId.Create(Namespace, this.GetPrimaryKeyString()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Explicit subscriptions outlive activations only in PubSubStore; a new activation has to reattach its handler.
        foreach (var handle in await Stream.GetAllSubscriptionHandles())
        {
            await handle.ResumeAsync(OnNextAsync);
        }
    }

    public Task Subscribe() => Stream.SubscribeAsync(OnNextAsync);

    public Task<int> Received() => Task.FromResult(received);

    private Task OnNextAsync(int item, StreamSequenceToken? token)
    {
        received += item;
        return Task.CompletedTask;
    }
}
