using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Gateway.Endpoints;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The search's cached grain references name the same grains as Orleans' own <c>GetGrain</c>, and work.</summary>
public sealed class StringKeyGrainsTests(ClinicApi api)
{
    [Fact]
    public async Task A_reference_from_the_cache_is_the_grain_GetGrain_gives_and_answers_calls()
    {
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var doctor = await api.CreateDoctor();
        var profile = (await grains.GetGrain<IDoctorGrain>(doctor).Get())!;
        var day = ClinicCalls.FutureWeekday();

        // The first reference resolves the types; every later one is built from them.
        foreach (var key in new[] { ScheduleDayKey.Format(doctor, day), ScheduleDayKey.Format(doctor, day.PlusDays(7)), ScheduleDayKey.Format(doctor, day.PlusDays(14)) })
        {
            var cached = StringKeyGrains.Get<IDoctorScheduleGrain>(grains, key);
            Assert.Equal(grains.GetGrain<IDoctorScheduleGrain>(key).GetGrainId(), cached.GetGrainId());
            Assert.Equal(await grains.GetGrain<IDoctorScheduleGrain>(key).GetFreeSlots(), (await cached.GetFreeSlotsGiven(profile)).Value);
        }

        // Another interface keeps its own types.
        Assert.Equal(grains.GetGrain<IDoctorGrain>(doctor).GetGrainId(), StringKeyGrains.Get<IDoctorGrain>(grains, doctor).GetGrainId());
    }
}
