using Microsoft.Extensions.Options;

namespace OrleansClinic.Grains.Schedules;

/// <summary>Refuses a refresh period that would ask every schedule day all the time or let a lost update stand for hours.</summary>
public sealed class ClinicDayAvailabilityOptionsValidator : IValidateOptions<ClinicDayAvailabilityOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClinicDayAvailabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RefreshPeriod < TimeSpan.FromSeconds(1) || options.RefreshPeriod > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail($"{ClinicDayAvailabilityOptions.Section}:RefreshPeriod must be 1 second to 1 hour (was {options.RefreshPeriod}).")
            : ValidateOptionsResult.Success;
    }
}
