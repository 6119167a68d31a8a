using Orleans.Core.Internal;
using NodaTime;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Grains.Tests;

public sealed class DoctorScheduleGrainTests(MemoryCluster cluster)
{
    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task A_slot_goes_to_the_first_booking_only()
    {
        var schedule = TestClinic.Schedule(Grains, await TestClinic.Doctor(Grains));

        var first = await schedule.Book("a-1", TestClinic.At(9, 0));
        var second = await schedule.Book("a-2", TestClinic.At(9, 0));
        var repeat = await schedule.Book("a-1", TestClinic.At(9, 0));

        Assert.True(first.Succeeded);
        Assert.Equal(BookingRejection.SlotTaken, second.Rejection);
        Assert.True(repeat.Succeeded);
        Assert.Equal(TestClinic.At(9, 15), first.Slot.End);
        Assert.Equal("a-1", Assert.Single(await schedule.GetBookings()).AppointmentId);
        Assert.Equal(11, (await schedule.GetFreeSlots()).Count);
    }

    [Fact]
    public async Task A_day_collected_while_idle_comes_back_with_what_it_had_taken()
    {
        // The embedded clinic keeps state in memory storage; an idle activation is collected and the next call reads it back.
        var schedule = TestClinic.Schedule(Grains, await TestClinic.Doctor(Grains));
        Assert.True((await schedule.Book("a-1", TestClinic.At(9, 0))).Succeeded);
        Assert.True((await schedule.Hold("w-1", TestClinic.At(9, 30), Duration.FromMinutes(5))).Succeeded);

        await schedule.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var bookings = await schedule.GetBookings();
        Assert.Equal([("a-1", false), ("w-1", true)], bookings.Select(b => (b.AppointmentId, b.IsHold)));
        Assert.Equal(BookingRejection.SlotTaken, (await schedule.Book("a-2", TestClinic.At(9, 30))).Rejection);
    }

    [Fact]
    public async Task Concurrent_bookings_of_one_slot_have_one_winner()
    {
        var schedule = TestClinic.Schedule(Grains, await TestClinic.Doctor(Grains));
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => schedule.Book($"a-{i}", TestClinic.At(10, 0))));
        Assert.Single(results, r => r.Succeeded);
    }

    [Fact]
    public async Task Release_frees_only_the_holders_slot()
    {
        var schedule = TestClinic.Schedule(Grains, await TestClinic.Doctor(Grains));
        await schedule.Book("a-1", TestClinic.At(9, 0));

        await schedule.Release("someone-else", TestClinic.At(9, 0));
        Assert.Single(await schedule.GetBookings());
        await schedule.Release("a-1", TestClinic.At(9, 0));
        Assert.Empty(await schedule.GetBookings());
        Assert.True((await schedule.Book("a-2", TestClinic.At(9, 0))).Succeeded);
    }

    [Fact]
    public async Task A_hold_keeps_others_out_until_it_lapses_and_becomes_a_booking_for_its_holder()
    {
        var schedule = TestClinic.Schedule(Grains, await TestClinic.Doctor(Grains));
        Assert.True((await schedule.Hold("w-1", TestClinic.At(11, 0), Duration.FromMinutes(5))).Succeeded);
        Assert.Equal(BookingRejection.SlotTaken, (await schedule.Book("a-1", TestClinic.At(11, 0))).Rejection);
        Assert.True((await schedule.Book("w-1", TestClinic.At(11, 0))).Succeeded);
        Assert.False(Assert.Single(await schedule.GetBookings()).IsHold);

        Assert.True((await schedule.Hold("w-2", TestClinic.At(11, 15), Duration.FromMilliseconds(200))).Succeeded);
        await Task.Delay(400);
        Assert.True((await schedule.Book("a-3", TestClinic.At(11, 15))).Succeeded);
    }

    [Theory]
    [InlineData(8, 45, BookingRejection.NotASlot)]
    [InlineData(9, 5, BookingRejection.NotASlot)]
    [InlineData(12, 0, BookingRejection.NotASlot)]
    public async Task Starts_that_are_not_slots_are_refused(int hour, int minute, BookingRejection expected)
    {
        var schedule = TestClinic.Schedule(Grains, await TestClinic.Doctor(Grains));
        Assert.Equal(expected, (await schedule.Book("a-1", TestClinic.At(hour, minute))).Rejection);
        Assert.Equal(expected, await schedule.Check(TestClinic.At(hour, minute)));
        Assert.Empty(await schedule.GetBookings());
    }

    [Fact]
    public async Task An_unknown_doctor_has_no_slots()
    {
        var schedule = TestClinic.Schedule(Grains, "d-nobody");
        Assert.Empty(await schedule.GetFreeSlots());
        Assert.Equal(BookingRejection.DoctorUnavailable, (await schedule.Book("a-1", TestClinic.At(9, 0))).Rejection);
    }

    [Fact]
    public async Task Free_slots_worked_out_from_the_callers_copy_of_the_doctor_match_the_schedules_own_and_follow_that_copy()
    {
        var doctorId = await TestClinic.Doctor(Grains);
        var schedule = TestClinic.Schedule(Grains, doctorId);
        await schedule.Book("a-1", TestClinic.At(9, 0));
        var doctor = (await Grains.GetGrain<IDoctorGrain>(doctorId).Get())!;

        Assert.Equal(await schedule.GetFreeSlots(), (await schedule.GetFreeSlotsGiven(doctor)).Value);
        Assert.DoesNotContain((await schedule.GetFreeSlotsGiven(doctor)).Value, s => s.Start == TestClinic.At(9, 0));
        Assert.Empty((await schedule.GetFreeSlotsGiven(doctor with { Status = DoctorStatus.Unavailable })).Value);
        await Assert.ThrowsAsync<ArgumentException>(() => schedule.GetFreeSlotsGiven(doctor with { Id = "d-someone-else" }));
    }
}
