using NodaTime;
using OrleansClinic.Domain.Doctors;

namespace OrleansClinic.Domain.Tests;

/// <summary>A doctor's status from their absences: unavailable through an emergency, on leave inside planned leave.</summary>
public sealed class DoctorStatusRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 0, 0);

    private static AbsenceWindow Planned(int fromHours, int toHours) => new(AbsenceKind.Planned, Now + Duration.FromHours(fromHours), Now + Duration.FromHours(toHours));

    private static AbsenceWindow Emergency(int fromHours, int toHours) => new(AbsenceKind.Emergency, Now + Duration.FromHours(fromHours), Now + Duration.FromHours(toHours));

    [Fact]
    public void Without_absences_a_doctor_is_available_and_nothing_changes()
    {
        Assert.Equal(DoctorStatus.Available, DoctorStatusRules.At([], Now));
        Assert.Null(DoctorStatusRules.NextChange([], Now));
    }

    [Theory]
    [InlineData(-1, 1, DoctorStatus.OnLeave)]
    [InlineData(0, 1, DoctorStatus.OnLeave)] // from is inclusive
    [InlineData(1, 2, DoctorStatus.Available)] // not begun
    [InlineData(-2, 0, DoctorStatus.Available)] // to is exclusive
    public void Planned_leave_counts_inside_its_window_only(int from, int to, DoctorStatus expected) =>
        Assert.Equal(expected, DoctorStatusRules.At([Planned(from, to)], Now));

    [Theory]
    [InlineData(-1, 1, DoctorStatus.Unavailable)]
    [InlineData(24, 48, DoctorStatus.Unavailable)] // declared for later: the calendar closes now, as the doctor is unwell now
    [InlineData(-2, 0, DoctorStatus.Available)] // over
    public void An_emergency_counts_from_its_declaration_until_its_window_ends(int from, int to, DoctorStatus expected) =>
        Assert.Equal(expected, DoctorStatusRules.At([Emergency(from, to)], Now));

    [Fact]
    public void An_emergency_outranks_leave()
    {
        Assert.Equal(DoctorStatus.Unavailable, DoctorStatusRules.At([Planned(-1, 5), Emergency(0, 2)], Now));
        Assert.Equal(DoctorStatus.Unavailable, DoctorStatusRules.At([Emergency(0, 2), Planned(-1, 5)], Now));
    }

    [Fact]
    public void Windows_a_return_shortened_to_nothing_count_for_nothing()
    {
        Assert.Equal(DoctorStatus.Available, DoctorStatusRules.At([Emergency(24, 24), Planned(0, 0)], Now));
        Assert.Null(DoctorStatusRules.NextChange([Emergency(24, 24), Planned(30, 30)], Now));
    }

    [Fact]
    public void The_next_change_is_the_nearest_future_edge_that_can_move_the_status()
    {
        // Planned leave changes at both ends; an emergency only at its end (it began when declared).
        Assert.Equal(Now + Duration.FromHours(3), DoctorStatusRules.NextChange([Planned(3, 10), Emergency(-5, 6)], Now));
        Assert.Equal(Now + Duration.FromHours(6), DoctorStatusRules.NextChange([Planned(-1, 10), Emergency(4, 6)], Now));
        Assert.Null(DoctorStatusRules.NextChange([Planned(-3, -1), Emergency(-5, 0)], Now));
    }

    [Fact]
    public void Over_many_random_calendars_the_status_is_constant_between_announced_changes()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 2_000; i++)
        {
            var absences = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            {
                var from = random.Next(-48, 48);
                var window = new AbsenceWindow(random.Next(2) == 0 ? AbsenceKind.Planned : AbsenceKind.Emergency, Now + Duration.FromHours(from), Now + Duration.FromHours(from + random.Next(1, 48)));
                return window;
            }).ToList();

            // Walking hour by hour, the status may only differ from the previous hour's at an announced change.
            var at = Now;
            var status = DoctorStatusRules.At(absences, at);
            var next = DoctorStatusRules.NextChange(absences, at);
            for (var hour = 1; hour < 120; hour++)
            {
                var later = Now + Duration.FromHours(hour);
                var now = DoctorStatusRules.At(absences, later);
                Assert.True(now == status || (next is { } n && n <= later), $"calendar {i}: changed at +{hour}h unannounced");
                if (next is { } due && due <= later)
                {
                    (status, next) = (now, DoctorStatusRules.NextChange(absences, later));
                }
            }
        }
    }

    [Theory]
    [InlineData(DoctorStatus.Available, "available")]
    [InlineData(DoctorStatus.Unavailable, "unavailable")]
    [InlineData(DoctorStatus.OnLeave, "on_leave")]
    public void Statuses_have_the_apis_names(DoctorStatus status, string name) => Assert.Equal(name, status.ToApiName());
}
