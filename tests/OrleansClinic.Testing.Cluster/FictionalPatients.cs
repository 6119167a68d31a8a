using NodaTime;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Testing.Cluster;

/// <summary>Personal details for test patients that no real person has: a made-up name, an example.test address.</summary>
public static class FictionalPatients
{
    /// <summary>How tests register patients directly through the grain: logged as a test fixture, never as a person.</summary>
    public static DetailsAccess Fixture { get; } = new("system:test-fixture", "system", "test setup");

    /// <summary>Details for the <paramref name="n"/>-th test patient.</summary>
    public static PersonalDetails Details(int n = 1) =>
        new("Testa", "Fixtureson", new LocalDate(1980, 1, 1).PlusDays(n % 10_000), $"testa.{n}@example.test", null, null, null);

    /// <summary>Registers <paramref name="patientId"/> with made-up details.</summary>
    public static Task<PatientProfile?> Register(IGrainFactory grains, string patientId, int n = 1)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IPatientGrain>(patientId).Register(Details(n), Fixture);
    }

    /// <summary>
    /// Registers the patients as a test's set-up, <paramref name="parallelism"/> at a time. On two cores shared with other
    /// tests one registration can outlast a test cluster's short response timeout; it is sent again, which
    /// <see cref="IPatientGrain.Register"/> answers as the first time.
    /// </summary>
    public static Task RegisterAll(IGrainFactory grains, IReadOnlyList<string> patientIds, int parallelism = 16)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        return Parallel.ForEachAsync(Enumerable.Range(0, patientIds.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, cancellationToken) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _ = await Register(grains, patientIds[i], i).WaitAsync(cancellationToken) ?? throw new InvalidOperationException($"{patientIds[i]} is registered with other details");
                    return;
                }
                catch (TimeoutException) when (attempt < 3)
                {
                }
            }
        });
    }
}
