using Orleans;
using Orleans.Runtime;

namespace OrleansClinic.Persistence.Postgres.Options;

/// <summary>Refuses to start a silo whose Orleans state storage has no database to talk to.</summary>
public sealed class OrleansStateStorageOptionsValidator : IConfigurationValidator
{
    private readonly OrleansStateStorageOptions options;
    private readonly string name;

    /// <summary>Creates a validator for the storage provider called <paramref name="name"/>.</summary>
    public OrleansStateStorageOptionsValidator(OrleansStateStorageOptions options, string name)
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
                $"Orleans state storage \"{name}\" has no {nameof(OrleansStateStorageOptions.ConnectionString)}: set it to the clinic's PostgreSQL connection string.");
        }
    }
}
