using Microsoft.Extensions.Options;

namespace OrleansClinic.Archive;

/// <summary>Refuses local archive settings that would write somewhere unintended: no root, a relative root, a prefix that is not a key, a negative delay.</summary>
public sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    private static readonly TimeSpan MaximumRestoreDelay = TimeSpan.FromDays(2);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.RootDirectory))} is required: the directory the archive lives under.");
        }
        else if (!Path.IsPathFullyQualified(options.RootDirectory))
        {
            // A relative root would follow the process's working directory, and records would land wherever it started.
            failures.Add($"{Setting(nameof(ArchiveOptions.RootDirectory))} must be an absolute path; '{options.RootDirectory}' is not.");
        }

        if (!ArchiveKeys.IsValidStorePrefix(options.KeyPrefix))
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.KeyPrefix))} '{options.KeyPrefix}' must be empty or '/'-separated segments, none empty, '.' or '..'.");
        }

        if (options.RestoreDelay < TimeSpan.Zero || options.RestoreDelay > MaximumRestoreDelay)
        {
            failures.Add($"{Setting(nameof(ArchiveOptions.RestoreDelay))} is {options.RestoreDelay}; it must be between zero and {MaximumRestoreDelay}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Setting(string property) => $"{ArchiveOptions.Section}:{property}";
}
