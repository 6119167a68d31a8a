using Orleans;

namespace OrleansClinic.Persistence.Postgres.Options;

/// <summary>Settings of the clinic's PostgreSQL grain storage.</summary>
public sealed class ClinicStorageOptions
{
    /// <summary>Npgsql connection string of the clinic database. Required.</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>Whether the silo applies pending schema migrations while it starts. Default true.</summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;
}
