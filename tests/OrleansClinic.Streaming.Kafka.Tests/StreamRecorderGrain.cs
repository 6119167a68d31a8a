using Orleans.Streams;
using Orleans.Streams.Core;

namespace OrleansClinic.Streaming.Kafka.Tests;

public interface IStreamRecorderGrain : IGrainWithStringKey
{
    Task<List<object>> GetReceived();
}

/// <summary>Subscribes implicitly to the test topic's stream of its own key and records every event, in order.</summary>
[ImplicitStreamSubscription(KafkaFixture.Topic)]
public sealed class StreamRecorderGrain : Grain, IStreamRecorderGrain, IStreamSubscriptionObserver
{
    private readonly List<object> _received = [];

    public Task<List<object>> GetReceived() => Task.FromResult(_received.ToList());

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var handle = handleFactory.Create<object>();
        await handle.ResumeAsync((item, _) =>
        {
            _received.Add(item);
            return Task.CompletedTask;
        });
    }
}
