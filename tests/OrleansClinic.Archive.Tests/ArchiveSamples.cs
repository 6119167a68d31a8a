namespace OrleansClinic.Archive.Tests;

/// <summary>Archive batches of fictional appointments for the tests.</summary>
internal static class ArchiveSamples
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 5, 4, 3, 2, 1, TimeSpan.Zero);

    public static ArchiveRecord Appointment(int n) => new(
        $"appt-{n:D4}",
        $$"""{"appointmentId": "appt-{{n:D4}}", "patientId": "patient-test-{{n % 7:D4}}", "start": "2025-0{{1 + (n % 9)}}-1{{n % 10}}T09:{{n % 6}}0:00+10:00", "status": "completed", "notes": "Kontrolle – ok ✓"}""");

    public static ArchiveBatch Batch(string batchId = "batch-0001", int records = 3, DateTimeOffset? createdAt = null) =>
        new(batchId, "appointments", createdAt ?? CreatedAt, [.. Enumerable.Range(1, records).Select(Appointment)]);
}
