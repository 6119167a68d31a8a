using Microsoft.Extensions.Options;

namespace OrleansClinic.Outbox;

/// <summary>Refuses to start a relay that has nowhere to publish to, routes that lead nowhere, or timings that defeat the lease.</summary>
public sealed class OutboxRelayOptionsValidator : IValidateOptions<OutboxRelayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutboxRelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add($"{nameof(OutboxRelayOptions.BootstrapServers)} is required: the Kafka bootstrap servers.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{nameof(OutboxRelayOptions.BatchSize)} must be between 1 and 10000 (was {options.BatchSize}).");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(OutboxRelayOptions.PollInterval)} must be positive.");
        }

        // The holder renews once per round; a lease shorter than two rounds would lapse between renewals.
        if (options.LeaseDuration < options.PollInterval * 2)
        {
            failures.Add($"{nameof(OutboxRelayOptions.LeaseDuration)} must be at least twice {nameof(OutboxRelayOptions.PollInterval)}.");
        }

        if (options.BackoffMin <= TimeSpan.Zero || options.BackoffMax < options.BackoffMin)
        {
            failures.Add($"{nameof(OutboxRelayOptions.BackoffMin)} must be positive and no greater than {nameof(OutboxRelayOptions.BackoffMax)}.");
        }

        if (options.ProduceTimeout < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{nameof(OutboxRelayOptions.ProduceTimeout)} must be at least 100 ms.");
        }

        if (string.IsNullOrWhiteSpace(options.LeaseName))
        {
            failures.Add($"{nameof(OutboxRelayOptions.LeaseName)} is required.");
        }

        if (string.IsNullOrWhiteSpace(options.FallbackTopic)
            || options.Routes.Any(r => string.IsNullOrWhiteSpace(r.Key) || r.Value is not { Count: > 0 } || r.Value.Any(d => !IsValid(d))))
        {
            failures.Add(
                $"{nameof(OutboxRelayOptions.FallbackTopic)} and every entry of {nameof(OutboxRelayOptions.Routes)} need a non-empty event type and " +
                "at least one destination with a topic and at most one of a payload key property and a fixed key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValid(OutboxDestination destination) =>
        !string.IsNullOrWhiteSpace(destination.Topic)
        && !(destination.KeyFromPayload is not null && destination.FixedKey is not null)
        && destination.KeyFromPayload is not { Length: 0 }
        && destination.FixedKey is not { Length: 0 };
}
