using Npgsql;
using OrleansClinic.Persistence.Postgres;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>The migrator: in order, once, and safe when several silos start together.</summary>
public sealed class MigratorTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_embedded_scripts_are_numbered_from_1_without_gaps()
    {
        Assert.Equal(Enumerable.Range(1, ClinicMigrator.Migrations.Count), ClinicMigrator.Migrations.Select(m => m.Version));
        Assert.Equal(["orleans", "clinic", "outbox_relay", "orleans_state", "pii_vault", "patient_consent", "staff", "pii_access_log", "deletion_register", "reassignment_workflow", "notification_delivery", "undelivered_notices", "audit_log", "tiering", "archived_status", "archive_superseded", "staff_directory", "patient_name_index", "unfinished_appointments"], ClinicMigrator.Migrations.Select(m => m.Name));
    }

    [Fact]
    public async Task A_fresh_database_gets_every_script_and_a_second_run_does_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_twice"));
        var migrator = new ClinicMigrator(dataSource);

        var first = await migrator.MigrateAsync(Cancel);
        var second = await migrator.MigrateAsync(Cancel);

        Assert.Equal(ClinicMigrator.Migrations.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal((long)ClinicMigrator.Migrations.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM public.clinic_schema_migrations"));
        foreach (var table in ClinicStateTables.All.Values.Append("outbox.event").Append("public.orleansquery").Append("public.orleansreminderstable").Append("orleans_state.grain_state").Append("users_pii_vault.patient_pii").Append("users_pii_vault.pii_access_log").Append("users_pii_vault.patient_name_token").Append("audit_logs.deletion_register"))
        {
            Assert.True(await ScalarAsync<bool>(dataSource, $"SELECT to_regclass('{table}') IS NOT NULL"), table);
        }
    }

    [Fact]
    public async Task Scripts_rerun_by_hand_on_a_migrated_database_change_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("idempotent_sql"));
        await new ClinicMigrator(dataSource).MigrateAsync(Cancel);
        var queries = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM orleansquery");

        // Each script is written to be idempotent on its own, so a partially applied or hand-applied one is recoverable.
        foreach (var migration in ClinicMigrator.Migrations)
        {
            await using var command = dataSource.CreateCommand(migration.Sql);
            await command.ExecuteNonQueryAsync(Cancel);
        }

        Assert.Equal(queries, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task Silos_migrating_one_database_at_once_apply_each_script_exactly_once()
    {
        var connectionString = await server.CreateDatabaseAsync("migrate_race");
        var dataSources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(dataSources.Select(d => Task.Run(() => new ClinicMigrator(d).MigrateAsync(Cancel), Cancel)));

            Assert.Equal(ClinicMigrator.Migrations.Select(m => m.Version), results.SelectMany(r => r).Order());
            Assert.Single(results, r => r.Count > 0);
            Assert.Equal(
                (long)ClinicMigrator.Migrations.Count,
                await ScalarAsync<long>(dataSources[0], "SELECT count(*) FROM public.clinic_schema_migrations"));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_migrator_releases_its_advisory_lock()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate_lock"));

        await new ClinicMigrator(dataSource).MigrateAsync(Cancel);

        Assert.True(await ScalarAsync<bool>(dataSource, $"SELECT pg_try_advisory_lock({ClinicMigrator.AdvisoryLockKey})"));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
