namespace OrleansClinic.Persistence.Postgres;

/// <summary>One versioned schema script embedded in this assembly (<c>Migrations/0001_name.sql</c>).</summary>
/// <param name="Version">The number the file name starts with; scripts run in ascending order.</param>
/// <param name="Name">The rest of the file name, for the migrations table and logs.</param>
/// <param name="Sql">The script itself.</param>
public sealed record ClinicMigration(int Version, string Name, string Sql);
