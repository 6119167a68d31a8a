namespace OrleansClinic.Privacy.Tests;

/// <summary>Obviously fictional patients and freshly generated keys: no real person's details, no secret in the repository.</summary>
public static class TestPii
{
    // 0491 570 xxx numbers are ones ACMA reserves for fiction.
    public static PatientPii Testa { get; } = new(
        "Testa", "Patientson", new LocalDate(1980, 1, 1), "Testa.Patientson@Example.Test", "0491 570 006", "0000 00000 1", "TEST-IHI-0001");

    public static PatientPii Fakey { get; } = new(
        "Fakey", "McTestface", new LocalDate(1990, 2, 2), "fakey.mctestface@example.test", "+61 491 570 156", null, null);

    /// <summary>A receptionist at the front desk: the access every vault call in these tests is made and logged under.</summary>
    public static PiiAccess Clerk { get; } = new("staff-test-clerk", "receptionist", "front desk");

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static LocalKeyRing Ring(int current, params (int Version, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Version, k => k.Key), current);

    public static PatientPii Numbered(int n) =>
        new($"Testa{n}", "Patientson", new LocalDate(1980, 1, 1).PlusDays(n), $"testa{n}@example.test");
}
