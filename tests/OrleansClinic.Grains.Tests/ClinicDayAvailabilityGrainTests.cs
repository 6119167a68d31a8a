using NodaTime;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Grains.Tests;

/// <summary>The search's copy of every schedule day on a date: told of each change, asking for what it does not know, mending what it missed.</summary>
public sealed class ClinicDayAvailabilityGrainTests(MemoryCluster cluster, PostgresServer postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_doctor_it_has_not_heard_of_is_asked_for_with_what_is_already_taken()
    {
        var doctor = await TestClinic.Doctor(cluster.Grains);
        var untouched = await TestClinic.Doctor(cluster.Grains);
        var schedule = TestClinic.Schedule(cluster.Grains, doctor);
        Assert.True((await schedule.Book("a-1", TestClinic.At(9, 0))).Succeeded);
        Assert.True((await schedule.Hold("w-1", TestClinic.At(9, 30), Duration.FromMinutes(5))).Succeeded);

        // A date's grain is new to each test's doctors, whichever got there first.
        var claims = await Claims(cluster.Grains, untouched, doctor);

        Assert.Equal([untouched, doctor], claims.Select(c => c.DoctorId));
        Assert.Empty(claims[0].Claims);
        Assert.Equal(2, claims[1].Revision);
        Assert.Equal([TestClinic.At(9, 0), TestClinic.At(9, 30)], claims[1].Claims.Select(c => c.Start).Order());
        Assert.Equal([TestClinic.At(9, 0), TestClinic.At(9, 30)], claims[1].TakenAt(SystemClock.Instance.GetCurrentInstant()).Select(s => s.Start).Order());
        Assert.Equal([TestClinic.At(9, 0)], claims[1].TakenAt(SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(6)).Select(s => s.Start));
    }

    [Fact]
    public async Task Bookings_and_releases_after_a_search_reach_it_without_asking()
    {
        var doctor = await TestClinic.Doctor(cluster.Grains);
        var schedule = TestClinic.Schedule(cluster.Grains, doctor);
        Assert.Empty((await Claims(cluster.Grains, doctor))[0].Claims);

        Assert.True((await schedule.Book("a-1", TestClinic.At(10, 0))).Succeeded);
        var booked = await Eventually(cluster.Grains, doctor, c => c.Claims.Length == 1);
        Assert.Equal(TestClinic.At(10, 0), Assert.Single(booked.Claims).Start);

        await schedule.Release("a-1", TestClinic.At(10, 0));
        var released = await Eventually(cluster.Grains, doctor, c => c.Claims.Length == 0);
        Assert.Equal(2, released.Revision);
    }

    [Fact]
    public async Task An_update_older_than_the_copy_it_has_is_ignored()
    {
        // A doctor with no schedule of their own: what the grain holds is only what it was told.
        var doctor = "d-" + Guid.NewGuid().ToString("N")[..12];
        var availability = cluster.Grains.GetGrain<IClinicDayAvailabilityGrain>(ClinicDayKey.Format(TestClinic.Day));
        var newer = new ScheduleDayClaims(doctor, TestClinic.Day, 5, [new SlotClaim(TestClinic.At(9, 0), TestClinic.At(9, 15), null)]);
        var older = new ScheduleDayClaims(doctor, TestClinic.Day, 3, []);

        Assert.Empty((await Claims(cluster.Grains, doctor))[0].Claims);
        await availability.Update(newer);
        await Eventually(cluster.Grains, doctor, c => c.Revision == 5);
        await availability.Update(older);
        await availability.Update(newer with { Revision = 4, Claims = [] });

        // One client's calls to one grain arrive in order, so this read comes after both updates.
        var kept = (await Claims(cluster.Grains, doctor))[0];
        Assert.Equal(5, kept.Revision);
        Assert.Equal(TestClinic.At(9, 0), Assert.Single(kept.Claims).Start);
    }

    [Fact]
    public async Task A_lost_update_is_mended_by_asking_again_within_the_refresh_period()
    {
        await using var clinic = await PostgresCluster.Start(await postgres.CreateDatabaseAsync("availability_lost_update"), extraSiloConfigurator: typeof(AvailabilityUpdateFaultConfigurator));
        var doctor = await TestClinic.Doctor(clinic.Grains);
        Assert.Empty((await Claims(clinic.Grains, doctor))[0].Claims);

        AvailabilityUpdateFault.Arm(doctor);
        try
        {
            Assert.True((await TestClinic.Schedule(clinic.Grains, doctor).Book("a-1", TestClinic.At(11, 0))).Succeeded);
            // The update was dropped, so the copy is stale until the refresh asks: it still shows nothing taken now.
            Assert.Empty((await Claims(clinic.Grains, doctor))[0].Claims);

            var mended = await Eventually(clinic.Grains, doctor, c => c.Claims.Length == 1);
            Assert.Equal(TestClinic.At(11, 0), Assert.Single(mended.Claims).Start);
        }
        finally
        {
            AvailabilityUpdateFault.Disarm();
        }
    }

    private static async Task<ScheduleDayClaims[]> Claims(IGrainFactory grains, params string[] doctors) =>
        (await grains.GetGrain<IClinicDayAvailabilityGrain>(ClinicDayKey.Format(TestClinic.Day)).GetClaims(new(doctors))).Value;

    // Updates are one-way: the copy catches up a moment after the schedule day answers.
    private static async Task<ScheduleDayClaims> Eventually(IGrainFactory grains, string doctor, Func<ScheduleDayClaims, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var claims = (await Claims(grains, doctor))[0];
            if (done(claims) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(claims), $"The day availability still had revision {claims.Revision} with {claims.Claims.Length} claims.");
                return claims;
            }

            await Task.Delay(20);
        }
    }
}
