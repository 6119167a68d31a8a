using Orleans;

namespace OrleansClinic.Persistence.Postgres.Options;

/// <summary>Settings of the PostgreSQL storage for Orleans' own grain state (<c>orleans_state.grain_state</c>).</summary>
public sealed class OrleansStateStorageOptions
{
    /// <summary>Npgsql connection string of the clinic database. Required.</summary>
    [Redact]
    public string? ConnectionString { get; set; }
}
