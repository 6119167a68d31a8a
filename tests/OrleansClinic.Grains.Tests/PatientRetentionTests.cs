using NodaTime;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Testing.Cluster;

namespace OrleansClinic.Grains.Tests;

/// <summary>
/// A patient's record at the end of retention: when it is due (the rule, a date an erasure request set, or everything
/// already erased), that a kept record is not looked at again before its day, and what is left once it is destroyed.
/// </summary>
public sealed class PatientRetentionTests(MemoryCluster cluster)
{
    private static readonly DetailsAccess Retention = new("system", "system", "retention period ended");
    private static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();

    [Fact]
    public async Task An_adult_last_seen_eight_years_ago_is_due_and_one_seen_last_year_is_not()
    {
        var (patient, _) = await Registered(21);

        Assert.True(await patient.ReviewRetention(Now - Duration.FromDays(8 * 365), Retention));
        Assert.False(await patient.ReviewRetention(Now - Duration.FromDays(365), Retention));
    }

    [Fact]
    public async Task A_child_is_kept_until_25_and_their_date_of_birth_is_not_read_again_before_then()
    {
        var contact = Now - Duration.FromDays(8 * 365);
        var (patient, _) = await Registered(22, bornYearsBeforeContact: 9);

        Assert.False(await patient.ReviewRetention(contact, Retention));
        Assert.False(await patient.ReviewRetention(contact, Retention));

        Assert.Single(await patient.DetailsAccessLog(), e => e.By.Purpose == Retention.Purpose);
    }

    [Fact]
    public async Task A_record_an_erasure_request_kept_waits_for_its_day_and_one_erased_whole_is_due_at_once()
    {
        var (kept, _) = await Registered(23);
        var lastService = Now.InUtc().Date.PlusYears(-1);
        var outcome = await kept.Erase(lastService, FictionalPatients.Fixture);
        Assert.Equal(lastService.PlusYears(7), outcome!.RestErasedOn);
        // Whatever the contact, the day the request set decides.
        Assert.False(await kept.ReviewRetention(Now - Duration.FromDays(20 * 365), Retention));

        var (erased, _) = await Registered(24);
        Assert.True((await erased.Erase(null, FictionalPatients.Fixture))!.Complete);
        Assert.True(await erased.ReviewRetention(Now, Retention));
    }

    [Fact]
    public async Task A_destroyed_record_leaves_an_id_that_finds_nobody_books_nothing_and_is_never_registered_again()
    {
        var (patient, details) = await Registered(25);

        Assert.True(await patient.DestroyRecord(Retention));
        Assert.True(await patient.DestroyRecord(Retention));

        Assert.Null(await patient.Get());
        Assert.Null(await patient.ReadDetails(FictionalPatients.Fixture));
        Assert.Null(await patient.Register(details, FictionalPatients.Fixture));
        Assert.Equal(PatientReservation.NotRegistered, await patient.Reserve("a-after-destruction", Now + Duration.FromDays(1), Now + Duration.FromDays(1) + Duration.FromMinutes(15)));
        Assert.False(await patient.ReviewRetention(Now - Duration.FromDays(8 * 365), Retention));
        Assert.Single(await patient.DetailsAccessLog(), e => e.Action == "shred");
        Assert.False(await cluster.Grains.GetGrain<IPatientGrain>("p-never-registered-" + Guid.NewGuid().ToString("N")[..8]).DestroyRecord(Retention));
    }

    private async Task<(IPatientGrain Patient, PersonalDetails Details)> Registered(int n, int? bornYearsBeforeContact = null)
    {
        var details = FictionalPatients.Details(n);
        if (bornYearsBeforeContact is { } years)
        {
            details = details with { DateOfBirth = (Now - Duration.FromDays(8 * 365)).InUtc().Date.PlusYears(-years) };
        }

        var patient = cluster.Grains.GetGrain<IPatientGrain>("p-retention-" + Guid.NewGuid().ToString("N")[..12]);
        Assert.NotNull(await patient.Register(details, FictionalPatients.Fixture));
        return (patient, details);
    }
}
