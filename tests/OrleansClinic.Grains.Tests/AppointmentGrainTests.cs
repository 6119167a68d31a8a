using Orleans.Core.Internal;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Grains.Tests;

public sealed class AppointmentGrainTests(MemoryCluster cluster)
{
    private IGrainFactory Grains => cluster.Grains;

    private IAppointmentGrain NewAppointment() => Grains.GetGrain<IAppointmentGrain>("a-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Booking_takes_the_slot_and_indexes_the_patient()
    {
        var (doctor, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var appointment = NewAppointment();

        var result = await appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), "check-up"));

        Assert.True(result.Succeeded);
        Assert.Equal(AppointmentStatus.Booked, result.Appointment!.Status);
        Assert.Equal(1, result.Appointment.Version);
        Assert.Equal(appointment.GetPrimaryKeyString(), Assert.Single(await TestClinic.Schedule(Grains, doctor).GetBookings()).AppointmentId);
        Assert.Single(await Grains.GetGrain<IPatientGrain>(patient).FindAppointments(TestClinic.At(0, 0), TestClinic.At(23, 0)));
    }

    [Fact]
    public async Task An_appointment_its_patient_and_doctor_collected_while_idle_come_back_as_they_were()
    {
        var (doctor, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var appointment = NewAppointment();
        var booked = (await appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), "check-up"))).Appointment!;
        var (doctorBefore, patientBefore) = (await Grains.GetGrain<IDoctorGrain>(doctor).Get(), await Grains.GetGrain<IPatientGrain>(patient).Get());

        // The embedded clinic's memory storage must read back what it wrote once the idle activations are collected.
        await appointment.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Grains.GetGrain<IDoctorGrain>(doctor).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Grains.GetGrain<IPatientGrain>(patient).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equivalent(booked, await appointment.Get(), strict: true);
        Assert.Equivalent(doctorBefore, await Grains.GetGrain<IDoctorGrain>(doctor).Get(), strict: true);
        Assert.Equal(patientBefore, await Grains.GetGrain<IPatientGrain>(patient).Get());
        Assert.Single(await Grains.GetGrain<IPatientGrain>(patient).FindAppointments(TestClinic.At(0, 0), TestClinic.At(23, 0)));
    }

    [Fact]
    public async Task Booking_again_is_harmless_and_a_different_booking_under_the_same_id_is_refused()
    {
        var (doctor, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var appointment = NewAppointment();
        var booking = new BookAppointment(doctor, patient, TestClinic.At(9, 0), null);
        await appointment.Book(booking);

        Assert.True((await appointment.Book(booking)).Succeeded);
        Assert.Equal(AppointmentError.AlreadyExists, (await appointment.Book(booking with { Start = TestClinic.At(9, 15) })).Error);
        Assert.Single(await TestClinic.Schedule(Grains, doctor).GetBookings());
    }

    [Fact]
    public async Task An_unregistered_patient_or_unknown_doctor_books_nothing()
    {
        var doctor = await TestClinic.Doctor(Grains);
        Assert.Equal(AppointmentError.PatientNotFound, (await NewAppointment().Book(new BookAppointment(doctor, "p-nobody", TestClinic.At(9, 0), null))).Error);
        Assert.Equal(AppointmentError.DoctorNotFound, (await NewAppointment().Book(new BookAppointment("d-nobody", await TestClinic.Patient(Grains), TestClinic.At(9, 0), null))).Error);
        Assert.Empty(await TestClinic.Schedule(Grains, doctor).GetBookings());
    }

    [Fact]
    public async Task A_patient_cannot_hold_overlapping_appointments_even_with_different_doctors()
    {
        var (d1, d2, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        await NewAppointment().Book(new BookAppointment(d1, patient, TestClinic.At(9, 0), null));

        var clash = await NewAppointment().Book(new BookAppointment(d2, patient, TestClinic.At(9, 0), null));

        Assert.Equal(AppointmentError.PatientBusy, clash.Error);
        Assert.Empty(await TestClinic.Schedule(Grains, d2).GetBookings());
    }

    [Fact]
    public async Task Reschedule_holds_the_new_slot_and_releases_the_old()
    {
        var (doctor, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var appointment = NewAppointment();
        await appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), null));

        var moved = await appointment.Reschedule(TestClinic.At(10, 0), null);

        Assert.True(moved.Succeeded);
        Assert.Equal(TestClinic.At(10, 0), moved.Appointment!.Start);
        Assert.Equal(2, moved.Appointment.Version);
        Assert.Equal(TestClinic.At(10, 0), Assert.Single(await TestClinic.Schedule(Grains, doctor).GetBookings()).Start);
    }

    [Fact]
    public async Task Reschedule_to_another_doctor_moves_between_schedules()
    {
        var (d1, d2, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var appointment = NewAppointment();
        await appointment.Book(new BookAppointment(d1, patient, TestClinic.At(9, 0), null));

        var moved = await appointment.Reschedule(TestClinic.At(9, 0), d2);

        Assert.Equal(d2, moved.Appointment!.DoctorId);
        Assert.Empty(await TestClinic.Schedule(Grains, d1).GetBookings());
        Assert.Single(await TestClinic.Schedule(Grains, d2).GetBookings());
    }

    [Fact]
    public async Task A_failed_reschedule_keeps_the_original_slot()
    {
        var (doctor, p1, p2) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains), await TestClinic.Patient(Grains));
        var mine = NewAppointment();
        await mine.Book(new BookAppointment(doctor, p1, TestClinic.At(9, 0), null));
        await NewAppointment().Book(new BookAppointment(doctor, p2, TestClinic.At(9, 30), null));

        Assert.Equal(AppointmentError.SlotTaken, (await mine.Reschedule(TestClinic.At(9, 30), null)).Error);
        Assert.Equal(AppointmentError.NotASlot, (await mine.Reschedule(TestClinic.At(13, 0), null)).Error);

        var view = await mine.Get();
        Assert.Equal(TestClinic.At(9, 0), view!.Start);
        Assert.Equal(1, view.Version);
        Assert.Equal(2, (await TestClinic.Schedule(Grains, doctor).GetBookings()).Count);
    }

    [Fact]
    public async Task Cancel_releases_slot_and_patient_and_is_final()
    {
        var (doctor, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var appointment = NewAppointment();
        await appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), null));

        Assert.True((await appointment.Cancel("patient asked")).Succeeded);
        Assert.True((await appointment.Cancel(null)).Succeeded);
        Assert.Equal(AppointmentError.InvalidTransition, (await appointment.Reschedule(TestClinic.At(9, 15), null)).Error);
        Assert.Equal(AppointmentError.InvalidTransition, (await appointment.CheckIn()).Error);

        Assert.Empty(await TestClinic.Schedule(Grains, doctor).GetBookings());
        Assert.True((await NewAppointment().Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), null))).Succeeded);
        var view = await appointment.Get();
        Assert.Equal(AppointmentStatus.Cancelled, view!.Status);
        Assert.Equal(["booked", "cancelled"], view.History.Select(h => h.Action));
    }

    [Fact]
    public async Task Check_in_complete_and_no_show_follow_the_lifecycle()
    {
        var (doctor, patient) = (await TestClinic.Doctor(Grains), await TestClinic.Patient(Grains));
        var a = NewAppointment();
        await a.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), null));
        var b = NewAppointment();
        await b.Book(new BookAppointment(doctor, patient, TestClinic.At(10, 0), null));

        Assert.Equal(AppointmentError.InvalidTransition, (await a.Complete()).Error);
        Assert.True((await a.CheckIn()).Succeeded);
        Assert.True((await a.Complete()).Succeeded);
        Assert.True((await b.MarkNoShow()).Succeeded);
        Assert.Equal(AppointmentError.InvalidTransition, (await b.CheckIn()).Error);
        Assert.Equal(AppointmentError.NotFound, (await NewAppointment().CheckIn()).Error);
        Assert.Equal(3, (await a.Get())!.Version);
    }
}
