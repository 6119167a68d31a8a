using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Gateway.Endpoints;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Tests;

public sealed class ProfileDaySlotsTests
{
    private static readonly LocalDate Monday = new(2026, 12, 7);

    [Fact]
    public void A_profile_works_out_a_day_once_and_a_changed_profile_afresh()
    {
        var doctor = Doctor();
        var first = ProfileDaySlots.On(doctor, Monday);

        Assert.Equal(doctor.SlotsOn(Monday), first);
        Assert.Equal(12, first.Count);
        Assert.Same(first, ProfileDaySlots.On(doctor, Monday));
        Assert.Empty(ProfileDaySlots.On(doctor, Monday.PlusDays(6)));

        // A doctor whose hours change is a new profile object: it must not get the old profile's slots.
        var later = doctor with { Availability = new Availability([new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(13, 0), new LocalTime(14, 0))], []) };
        var changed = ProfileDaySlots.On(later, Monday);
        Assert.Equal(4, changed.Count);
        Assert.Equal(later.SlotsOn(Monday), changed);
    }

    [Fact]
    public void A_profile_searched_over_many_dates_still_answers_each_correctly()
    {
        var doctor = Doctor();
        for (var day = 0; day < 200; day++)
        {
            Assert.Equal(doctor.SlotsOn(Monday.PlusDays(day)), ProfileDaySlots.On(doctor, Monday.PlusDays(day)));
        }
    }

    private static DoctorProfile Doctor() =>
        new("d-" + Guid.NewGuid().ToString("N")[..12], "Dr Test Fixture", "general_practice", "loc-test", "Australia/Sydney", 15, DoctorStatus.Available,
            new Availability([new WeeklyWindow(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(12, 0))], []));
}
