using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansClinic.Persistence.Postgres;

namespace OrleansClinic.Hosting;

/// <summary>The <c>migrate</c> command: applies the clinic's schema migrations to the configured database and exits.</summary>
public static class ClinicSchema
{
    /// <summary>Applies every pending migration; fails when no PostgreSQL connection string is configured.</summary>
    public static async Task MigrateAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var options = ClinicHostOptions.From(configuration);
        if (!options.UsesPostgres)
        {
            throw new InvalidOperationException("Set ConnectionStrings:Clinic to the database to migrate.");
        }

        await using var dataSource = NpgsqlDataSource.Create(options.PostgresConnectionString!);
        var applied = await new ClinicMigrator(dataSource).MigrateAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied migrations: {string.Join(", ", applied)}");
    }
}
