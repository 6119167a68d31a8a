using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansClinic.Archive;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Archive records shaped like a finished appointment's stored state (status, doctor, patient, slot, version, history),
/// about 500 bytes of compact JSON each. Every id is opaque and random; there is no name, contact or free text.
/// </summary>
internal static class SyntheticAppointments
{
    private const int Doctors = 40;
    private const int Staff = 25;
    private const int Patients = 50_000;
    private static readonly DateTimeOffset FirstDay = new(2019, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Statuses = ["completed", "completed", "completed", "completed", "cancelled", "no_show"];

    /// <summary>
    /// <paramref name="count"/> records; the same <paramref name="seed"/> gives the same documents. Ids are unique: the
    /// record's position is part of each.
    /// </summary>
    public static ArchiveRecord[] Generate(int count, int seed = 20_260_101)
    {
        var random = new Random(seed);
        var doctors = Ids(random, "d-", Doctors);
        var staff = Ids(random, "u-", Staff);
        var patients = Ids(random, "p-", Patients);
        var records = new ArchiveRecord[count];
        using var buffer = new MemoryStream(1024);
        for (var i = 0; i < count; i++)
        {
            var id = "a-" + i.ToString("x8", CultureInfo.InvariantCulture) + Hex(random, 12);
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                Write(json, random, doctors[random.Next(Doctors)], patients[random.Next(Patients)], staff, i);
            }

            records[i] = new ArchiveRecord(id, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        return records;
    }

    private static void Write(Utf8JsonWriter json, Random random, string doctor, string patient, string[] staff, int i)
    {
        // Quarter-hour slots on weekdays from mid-2019, in the clinic's business hours (UTC offsets as Sydney's).
        var day = FirstDay.AddDays(i / 200 * 7 / 5);
        var start = day.AddMinutes((22 * 60) + (15 * random.Next(32)));
        var end = start.AddMinutes(15);
        var booked = start.AddDays(-random.Next(1, 40)).AddSeconds(random.Next(86_400));
        var status = Statuses[random.Next(Statuses.Length)];
        json.WriteStartObject();
        json.WriteString("status", status);
        json.WriteString("doctorId", doctor);
        json.WriteString("patientId", patient);
        json.WriteStartObject("slot");
        json.WriteString("date", start.AddHours(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("start", Instant(start));
        json.WriteEndObject();
        json.WriteString("end", Instant(end));
        json.WriteNull("reason");
        json.WriteNumber("version", 3);
        json.WriteStartArray("history");
        Step(json, "booked", booked, staff[random.Next(Staff)]);
        Step(json, status == "completed" ? "checked_in" : "reminded", start.AddMinutes(-random.Next(5, 30)), staff[random.Next(Staff)]);
        Step(json, status, status == "cancelled" ? start.AddHours(-random.Next(2, 48)) : end.AddMinutes(random.Next(0, 20)), staff[random.Next(Staff)]);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Step(Utf8JsonWriter json, string action, DateTimeOffset at, string actor)
    {
        json.WriteStartObject();
        json.WriteString("action", action);
        json.WriteString("at", Instant(at));
        json.WriteString("actor", actor);
        json.WriteEndObject();
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string[] Ids(Random random, string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => prefix + Hex(random, 16))];

    private static string Hex(Random random, int bytes)
    {
        Span<byte> value = stackalloc byte[bytes];
        random.NextBytes(value);
        return Convert.ToHexStringLower(value);
    }
}
