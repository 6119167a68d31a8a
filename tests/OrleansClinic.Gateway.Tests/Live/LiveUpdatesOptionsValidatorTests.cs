using OrleansClinic.Gateway.Live;

namespace OrleansClinic.Gateway.Tests.Live;

public sealed class LiveUpdatesOptionsValidatorTests
{
    private static bool IsValid(Action<LiveUpdatesOptions> change)
    {
        var options = new LiveUpdatesOptions();
        change(options);
        return new LiveUpdatesOptionsValidator().Validate(null, options).Succeeded;
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(IsValid(_ => { }));
    }

    [Fact]
    public void Heartbeats_must_come_at_least_every_15_seconds_and_sizes_must_be_positive()
    {
        Assert.False(IsValid(o => o.Heartbeat = TimeSpan.FromSeconds(16)));
        Assert.False(IsValid(o => o.Heartbeat = TimeSpan.Zero));
        Assert.False(IsValid(o => o.ReplayBufferSize = 0));
        Assert.False(IsValid(o => o.ConnectionQueue = 0));
        Assert.False(IsValid(o => o.RetryHint = TimeSpan.Zero));
        Assert.False(IsValid(o => o.SubscriptionGrace = TimeSpan.FromSeconds(-1)));
        Assert.True(IsValid(o => o.SubscriptionGrace = TimeSpan.Zero));
    }
}
