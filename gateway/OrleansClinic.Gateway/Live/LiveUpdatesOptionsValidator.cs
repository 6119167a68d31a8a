using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Live;

/// <summary>Refuses settings that break the API's promises (heartbeat every 15 s at most) or leave nothing to buffer.</summary>
public sealed class LiveUpdatesOptionsValidator : IValidateOptions<LiveUpdatesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LiveUpdatesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DedupeWindow < options.ReplayBufferSize || options.DedupeWindow > 1_000_000)
        {
            failures.Add($"{nameof(LiveUpdatesOptions.DedupeWindow)} must be between {nameof(LiveUpdatesOptions.ReplayBufferSize)} and 1000000 (was {options.DedupeWindow}).");
        }

        if (options.ReplayBufferSize is < 1 or > 100_000)
        {
            failures.Add($"{nameof(LiveUpdatesOptions.ReplayBufferSize)} must be between 1 and 100000 (was {options.ReplayBufferSize}).");
        }

        if (options.ConnectionQueue is < 1 or > 100_000)
        {
            failures.Add($"{nameof(LiveUpdatesOptions.ConnectionQueue)} must be between 1 and 100000 (was {options.ConnectionQueue}).");
        }

        if (options.Heartbeat <= TimeSpan.Zero || options.Heartbeat > LiveUpdatesOptions.MaxHeartbeat)
        {
            failures.Add($"{nameof(LiveUpdatesOptions.Heartbeat)} must be positive and at most 15 s (was {options.Heartbeat}).");
        }

        // Browsers read retry: as whole milliseconds; below that it would be sent as 0, a reconnect storm.
        if (options.RetryHint < TimeSpan.FromMilliseconds(1) || options.RetryHint > TimeSpan.FromHours(1))
        {
            failures.Add($"{nameof(LiveUpdatesOptions.RetryHint)} must be between 1 ms and 1 h (was {options.RetryHint}).");
        }

        if (options.SubscriptionGrace < TimeSpan.Zero || options.SubscriptionGrace > TimeSpan.FromHours(1))
        {
            failures.Add($"{nameof(LiveUpdatesOptions.SubscriptionGrace)} must be between 0 and 1 h (was {options.SubscriptionGrace}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
