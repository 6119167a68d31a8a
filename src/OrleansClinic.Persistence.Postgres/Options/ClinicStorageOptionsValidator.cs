using Orleans;
using Orleans.Runtime;

namespace OrleansClinic.Persistence.Postgres.Options;

/// <summary>Refuses to start a silo whose clinic storage has no database to talk to.</summary>
public sealed class ClinicStorageOptionsValidator : IConfigurationValidator
{
    private readonly ClinicStorageOptions options;
    private readonly string name;

    /// <summary>Creates a validator for the storage provider called <paramref name="name"/>.</summary>
    public ClinicStorageOptionsValidator(ClinicStorageOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(name);
        this.options = options;
        this.name = name;
    }

    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException(
                $"Clinic grain storage \"{name}\" has no {nameof(ClinicStorageOptions.ConnectionString)}: set it to the clinic's PostgreSQL connection string.");
        }
    }
}
