using Npgsql;
using NodaTime;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Tiering.Tests;

/// <summary>The tiering tests' PostgreSQL: a migrated database per test, appointments to tier, and what the tables hold.</summary>
internal static class TieringDatabase
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A fresh database with the clinic's migrations applied, as a silo applies them.</summary>
    public static async Task<NpgsqlDataSource> CreateAsync(PostgresServer server)
    {
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("tiering"));
        await new ClinicMigrator(dataSource).MigrateAsync(Cancel);
        return dataSource;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> completed appointments ending at or before <paramref name="ended"/>, of patient
    /// <paramref name="patientId"/> or else <c>p-{i % 11}</c>; their grain ids and payloads as stored.
    /// </summary>
    public static async Task<Dictionary<string, string>> Appointments(NpgsqlDataSource db, int count, Instant ended, string? patientId = null)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = "appointment/a-" + Guid.NewGuid().ToString("N")[..16];
            var patient = patientId ?? "p-" + (i % 11);
            var start = ended - Duration.FromMinutes(15) - Duration.FromHours(i);
            var payload = $$"""{"status": "completed", "doctorId": "d-{{i % 7}}", "patientId": "{{patient}}", "version": {{i}}}""";
            await using var command = db.CreateCommand(
                """
                INSERT INTO appointments.appointment (grain_id, version, payload, doctor_id, patient_id, slot_start, slot_end, status, holds_slot)
                VALUES ($1, 3, $2::jsonb, $3, $4, $5, $6, 'completed', false)
                RETURNING payload::text
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "d-" + (i % 7) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patient });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = start.ToDateTimeUtc() });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (start + Duration.FromMinutes(15)).ToDateTimeUtc() });
            rows[id] = (string)(await command.ExecuteScalarAsync(Cancel))!;
        }

        return rows;
    }

    /// <summary>The grain ids left in the hot store, in ordinal order.</summary>
    public static Task<List<string>> HotIds(NpgsqlDataSource db) =>
        Strings(db, "SELECT grain_id FROM appointments.appointment ORDER BY grain_id COLLATE \"C\"");

    /// <summary>The first column of every row <paramref name="sql"/> selects, in its order.</summary>
    public static async Task<List<string>> Strings(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>The archive index: each archived appointment id and the manifest holding it.</summary>
    public static async Task<Dictionary<string, string>> Index(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT appointment_id, manifest_key FROM appointments.archived");
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            index[reader.GetString(0)] = reader.GetString(1);
        }

        return index;
    }

    /// <summary>The single count <paramref name="sql"/> selects.</summary>
    public static async Task<long> Count(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
