using NodaTime;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Hosting.StartupTasks;

/// <summary>The fictional demo clinic a fresh embedded run starts with: four doctors, two specialties, two locations.</summary>
public static class DemoClinic
{
    /// <summary>The demo patients' personal details: animals, not people, with example.test addresses.</summary>
    public static IReadOnlyDictionary<string, PersonalDetails> Patients { get; } = new Dictionary<string, PersonalDetails>
    {
        ["p-demo-1"] = Demo("Quokka", 1),
        ["p-demo-2"] = Demo("Wombat", 2),
        ["p-demo-3"] = Demo("Numbat", 3),
        ["p-demo-4"] = Demo("Bilby", 4),
        ["p-demo-5"] = Demo("Echidna", 5),
    };

    /// <summary>The demo doctors by id. Names are plants, not people.</summary>
    public static IReadOnlyDictionary<string, NewDoctor> Doctors { get; } = new Dictionary<string, NewDoctor>
    {
        ["d-wattle"] = new("Dr Demo Wattle", "general_practice", "loc-sydney-cbd", "Australia/Sydney", 15, Weekdays(new(9, 0), new(12, 30), new(13, 30), new(17, 0))),
        ["d-banksia"] = new("Dr Demo Banksia", "general_practice", "loc-sydney-cbd", "Australia/Sydney", 15, Weekdays(new(8, 0), new(12, 0), new(13, 0), new(16, 0))),
        ["d-waratah"] = new("Dr Demo Waratah", "dermatology", "loc-sydney-cbd", "Australia/Sydney", 30, Weekdays(new(10, 0), new(13, 0), new(14, 0), new(18, 0))),
        ["d-saltbush"] = new("Dr Demo Saltbush", "general_practice", "loc-adelaide", "Australia/Adelaide", 20, Weekdays(new(9, 0), new(12, 0), new(13, 0), new(17, 0))),
        ["d-quandong"] = new("Dr Demo Quandong", "dermatology", "loc-adelaide", "Australia/Adelaide", 30, Weekdays(new(9, 0), new(13, 0), new(14, 0), new(16, 0))),
    };

    private static Availability Weekdays(LocalTime morningStart, LocalTime morningEnd, LocalTime afternoonStart, LocalTime afternoonEnd) =>
        new(
        [
            .. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
                .SelectMany(day => new[] { new WeeklyWindow(day, morningStart, morningEnd), new WeeklyWindow(day, afternoonStart, afternoonEnd) }),
        ],
        []);

    private static PersonalDetails Demo(string familyName, int n) =>
        new("Demo", familyName, new LocalDate(1980 + n, n, n), $"demo-{n}@example.test", null, null, null);
}
