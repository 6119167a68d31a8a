using Microsoft.Extensions.Options;

namespace OrleansClinic.Outbox;

/// <summary>Refuses to start a relay that has nowhere to read from or publish to, or timings that defeat the lease.</summary>
public sealed class OutboxRelayOptionsValidator : IValidateOptions<OutboxRelayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutboxRelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(OutboxRelayOptions.ConnectionString)} is required: the PostgreSQL database holding outbox.event.");
        }

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

        if (string.IsNullOrWhiteSpace(options.FallbackTopic) || options.TopicRoutes.Any(r => string.IsNullOrWhiteSpace(r.Key) || string.IsNullOrWhiteSpace(r.Value)))
        {
            failures.Add($"{nameof(OutboxRelayOptions.FallbackTopic)} and every entry of {nameof(OutboxRelayOptions.TopicRoutes)} need a non-empty event type and topic.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
