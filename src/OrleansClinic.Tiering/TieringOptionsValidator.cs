using Microsoft.Extensions.Options;
using NodaTime;
using OrleansClinic.Domain.Archival;

namespace OrleansClinic.Tiering;

/// <summary>Refuses a hot window that is not a calendar period, runs more often than the reminder service allows, batches too large to verify or review quickly, or forgets delivered events too soon.</summary>
public sealed class TieringOptionsValidator : IValidateOptions<TieringOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TieringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            TieringRules.EndedBefore(SystemClock.Instance.GetCurrentInstant(), options.HotWindowPeriod);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or NodaTime.Text.UnparsableValueException or ArgumentNullException)
        {
            failures.Add($"{TieringOptions.Section}:HotWindow must be a positive number of days, weeks, months or years (was {options.HotWindow}).");
        }

        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(7))
        {
            failures.Add($"{TieringOptions.Section}:Interval must be 1 minute to 7 days (was {options.Interval}).");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{TieringOptions.Section}:BatchSize must be 1 to 10000 (was {options.BatchSize}).");
        }

        if (options.ReviewBatchSize is < 1 or > 1_000)
        {
            failures.Add($"{TieringOptions.Section}:ReviewBatchSize must be 1 to 1000 (was {options.ReviewBatchSize}).");
        }

        if (options.SentEventsKept < TimeSpan.FromDays(1))
        {
            failures.Add($"{TieringOptions.Section}:SentEventsKept must be at least a day (was {options.SentEventsKept}).");
        }

        // Forgetting a processed event while Kafka may still deliver it again would let its effect happen twice.
        if (options.ProcessedEventsKept < TimeSpan.FromDays(8))
        {
            failures.Add($"{TieringOptions.Section}:ProcessedEventsKept must be longer than the topics' 7-day retention: 8 days or more (was {options.ProcessedEventsKept}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
