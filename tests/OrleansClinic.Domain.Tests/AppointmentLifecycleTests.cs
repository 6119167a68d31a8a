using OrleansClinic.Domain.Appointments;

namespace OrleansClinic.Domain.Tests;

public sealed class AppointmentLifecycleTests
{
    private static readonly HashSet<(AppointmentStatus From, AppointmentStatus To)> AllowedMoves =
    [
        (AppointmentStatus.None, AppointmentStatus.Booked),
        (AppointmentStatus.Booked, AppointmentStatus.CheckedIn),
        (AppointmentStatus.Booked, AppointmentStatus.Cancelled),
        (AppointmentStatus.Booked, AppointmentStatus.NoShow),
        (AppointmentStatus.CheckedIn, AppointmentStatus.Completed),
        (AppointmentStatus.Booked, AppointmentStatus.NeedsAttention),
        (AppointmentStatus.NeedsAttention, AppointmentStatus.Cancelled),
    ];

    public static TheoryData<AppointmentStatus, AppointmentStatus, bool> EveryPair()
    {
        var data = new TheoryData<AppointmentStatus, AppointmentStatus, bool>();
        foreach (var from in Enum.GetValues<AppointmentStatus>())
        {
            foreach (var to in Enum.GetValues<AppointmentStatus>())
            {
                data.Add(from, to, AllowedMoves.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_the_lifecycle_steps_are_allowed(AppointmentStatus from, AppointmentStatus to, bool allowed)
    {
        Assert.Equal(allowed, AppointmentLifecycle.CanMove(from, to));
    }

    [Fact]
    public void The_table_covers_all_49_pairs_and_allows_exactly_seven()
    {
        Assert.Equal(49, EveryPair().Count);
        Assert.Equal(7, EveryPair().Count(row => row.Data.Item3));
    }

    [Theory]
    [InlineData(AppointmentStatus.Completed)]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    public void A_finished_appointment_cannot_move_anywhere(AppointmentStatus status)
    {
        Assert.All(Enum.GetValues<AppointmentStatus>(), to => Assert.False(AppointmentLifecycle.CanMove(status, to)));
    }

    [Fact]
    public void No_status_moves_to_itself()
    {
        Assert.All(Enum.GetValues<AppointmentStatus>(), s => Assert.False(AppointmentLifecycle.CanMove(s, s)));
    }

    [Theory]
    [InlineData(AppointmentStatus.None, false)]
    [InlineData(AppointmentStatus.Booked, true)]
    [InlineData(AppointmentStatus.CheckedIn, false)]
    [InlineData(AppointmentStatus.Completed, false)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    [InlineData(AppointmentStatus.NeedsAttention, true)]
    public void Only_a_booked_appointment_or_one_needing_attention_can_be_rescheduled(AppointmentStatus status, bool expected)
    {
        Assert.Equal(expected, AppointmentLifecycle.CanReschedule(status));
    }

    [Theory]
    [InlineData(AppointmentStatus.None, false)]
    [InlineData(AppointmentStatus.Booked, true)]
    [InlineData(AppointmentStatus.CheckedIn, true)]
    [InlineData(AppointmentStatus.Completed, true)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, true)]
    [InlineData(AppointmentStatus.NeedsAttention, true)]
    public void Every_status_but_none_and_cancelled_holds_its_slot(AppointmentStatus status, bool expected)
    {
        Assert.Equal(expected, AppointmentLifecycle.HoldsSlot(status));
    }

    [Theory]
    [InlineData(AppointmentStatus.None, "none")]
    [InlineData(AppointmentStatus.Booked, "booked")]
    [InlineData(AppointmentStatus.CheckedIn, "checked_in")]
    [InlineData(AppointmentStatus.Completed, "completed")]
    [InlineData(AppointmentStatus.Cancelled, "cancelled")]
    [InlineData(AppointmentStatus.NoShow, "no_show")]
    [InlineData(AppointmentStatus.NeedsAttention, "needs_attention")]
    public void The_api_name_is_snake_case(AppointmentStatus status, string expected)
    {
        Assert.Equal(expected, status.ToApiName());
    }

    [Fact]
    public void Every_status_has_a_distinct_api_name()
    {
        var names = Enum.GetValues<AppointmentStatus>().Select(s => s.ToApiName()).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(7, names.Count);
    }

    [Fact]
    public void An_undefined_status_has_no_api_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ((AppointmentStatus)42).ToApiName());

        Assert.Equal("status", error.ParamName);
    }
}
