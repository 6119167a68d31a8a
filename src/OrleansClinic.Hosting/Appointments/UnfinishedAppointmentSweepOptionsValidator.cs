using Microsoft.Extensions.Options;

namespace OrleansClinic.Hosting.Appointments;

/// <summary>Refuses a sweep that would never run, race every live booking, or take no appointments at a time.</summary>
public sealed class UnfinishedAppointmentSweepOptionsValidator : IValidateOptions<UnfinishedAppointmentSweepOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, UnfinishedAppointmentSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(UnfinishedAppointmentSweepOptions.Interval)} must be positive.");
        }

        // Younger than a second is almost surely a booking still in flight: finishing it early is safe but wasted work.
        if (options.MinimumAge < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{nameof(UnfinishedAppointmentSweepOptions.MinimumAge)} must be at least one second.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{nameof(UnfinishedAppointmentSweepOptions.BatchSize)} must be between 1 and 10000 (was {options.BatchSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
