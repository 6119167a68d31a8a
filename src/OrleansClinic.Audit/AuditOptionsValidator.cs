using Microsoft.Extensions.Options;

namespace OrleansClinic.Audit;

/// <summary>Refuses sealer settings that would stall the trail or make each seal too large to commit quickly, and anchoring too often.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SealInterval < TimeSpan.FromMilliseconds(10) || options.SealInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{AuditOptions.Section}:SealInterval must be 10 ms to 5 minutes (was {options.SealInterval}).");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{AuditOptions.Section}:BatchSize must be 1 to 10000 (was {options.BatchSize}).");
        }

        if (options.Lookback < TimeSpan.FromSeconds(1) || options.Lookback > TimeSpan.FromHours(1))
        {
            failures.Add($"{AuditOptions.Section}:Lookback must be 1 second to 1 hour (was {options.Lookback}).");
        }

        // Late rows are found only by a scan: one at least every lookback, so none passes the checkpoint unseen.
        if (options.LateRowScanInterval < TimeSpan.Zero || options.LateRowScanInterval > options.Lookback)
        {
            failures.Add($"{AuditOptions.Section}:LateRowScanInterval must be zero to Lookback ({options.Lookback}) (was {options.LateRowScanInterval}).");
        }

        // Each anchor is an object kept for good: more often than a minute only piles them up; past a week, too much
        // of the newest history could be rewritten unseen.
        if (options.AnchorInterval < TimeSpan.FromMinutes(1) || options.AnchorInterval > TimeSpan.FromDays(7))
        {
            failures.Add($"{AuditOptions.Section}:AnchorInterval must be 1 minute to 7 days (was {options.AnchorInterval}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
