using NodaTime;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Testing.Cluster;

namespace OrleansClinic.Grains.Tests;

/// <summary>Doctors, patients and dates for grain tests, each test making its own.</summary>
public static class TestClinic
{
    public static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    /// <summary>A doctor working every day 09:00–12:00 Sydney time in 15-minute slots.</summary>
    public static async Task<string> Doctor(IGrainFactory grains)
    {
        var id = "d-" + Guid.NewGuid().ToString("N")[..12];
        var everyDay = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .Select(d => new WeeklyWindow(d, new LocalTime(9, 0), new LocalTime(12, 0))).ToList();
        await grains.GetGrain<IDoctorGrain>(id).Create(new NewDoctor("Dr Test Fixture", "general_practice", "loc-test", "Australia/Sydney", 15, new Availability(everyDay, [])));
        return id;
    }

    public static async Task<string> Patient(IGrainFactory grains)
    {
        var id = "p-" + Guid.NewGuid().ToString("N")[..12];
        await FictionalPatients.Register(grains, id);
        return id;
    }

    /// <summary>A date a week from now.</summary>
    public static LocalDate Day => SystemClock.Instance.GetCurrentInstant().InZone(Sydney).Date.PlusDays(7);

    public static Instant At(int hour, int minute) => Day.At(new LocalTime(hour, minute)).InZoneStrictly(Sydney).ToInstant();

    public static IDoctorScheduleGrain Schedule(IGrainFactory grains, string doctorId) =>
        grains.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctorId, Day));
}
