using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Outbox rows as bookings leave them: for booking k, <c>appointment.booked</c> from its appointment grain and
/// <c>slot.booked</c> from the doctor's schedule grain, each a transaction of its own, written with grain storage's
/// insert. Payloads have the grains' shape (ids and times only); every id is random and fictional.
/// </summary>
internal sealed class BookingOutboxRows
{
    // As ClinicEventFactory serialises payloads.
    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web);

    private const string Insert = """
        INSERT INTO outbox.event (event_id, event_type, entity_key, correlation_id, occurred_at, payload, actor_id, actor_role)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """;

    private readonly string[] doctors = [.. Enumerable.Range(0, 32).Select(_ => "d-" + Guid.NewGuid().ToString("N")[..16])];
    private readonly DateTime firstSlot = DateTime.UtcNow.Date.AddDays(7).AddHours(22);

    /// <summary>Row <paramref name="index"/>: even rows are a booking's <c>appointment.booked</c>, odd ones its <c>slot.booked</c>.</summary>
    public OutboxInsert Row(int index)
    {
        var booking = index / 2;
        var doctor = doctors[booking % doctors.Length];
        var start = firstSlot.AddMinutes(15 * (booking / doctors.Length));
        var (startText, endText) = (Instant(start), Instant(start.AddMinutes(15)));
        var correlation = "c-bench-" + booking.ToString(CultureInfo.InvariantCulture);
        if (index % 2 == 0)
        {
            var appointment = "a-" + Guid.NewGuid().ToString("N");
            var payload = JsonSerializer.Serialize(
                new { appointmentId = appointment, doctorId = doctor, patientId = "p-" + Guid.NewGuid().ToString("N"), start = startText, end = endText, status = "booked", version = 1 },
                PayloadOptions);
            return new OutboxInsert(Guid.CreateVersion7(), "appointment.booked", appointment, correlation, payload);
        }

        var slot = JsonSerializer.Serialize(
            new { doctorId = doctor, date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start = startText, end = endText },
            PayloadOptions);
        return new OutboxInsert(Guid.CreateVersion7(), "slot.booked", doctor, correlation, slot);
    }

    /// <summary>Commits <paramref name="row"/> on its own, as one grain write does.</summary>
    public static async Task WriteAsync(NpgsqlDataSource db, OutboxInsert row)
    {
        await using var command = db.CreateCommand(Insert);
        Bind(command.Parameters, row);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Commits rows <paramref name="from"/> to <paramref name="to"/> (exclusive) of this generator in one batch: a backlog, untimed.</summary>
    public async Task WriteBacklogAsync(NpgsqlDataSource db, int from, int to)
    {
        await using var batch = db.CreateBatch();
        for (var i = from; i < to; i++)
        {
            var command = new NpgsqlBatchCommand(Insert);
            Bind(command.Parameters, Row(i));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static void Bind(NpgsqlParameterCollection parameters, OutboxInsert row)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.EventId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.EventType });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.EntityKey });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.CorrelationId });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.UtcNow, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = row.PayloadJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = "u-bench-reception" });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = "receptionist" });
    }

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One outbox row to write: the columns a grain's event fills.</summary>
internal sealed record OutboxInsert(Guid EventId, string EventType, string EntityKey, string CorrelationId, string PayloadJson);
