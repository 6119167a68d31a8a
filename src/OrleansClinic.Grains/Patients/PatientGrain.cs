using NodaTime;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Patients;

/// <summary>A patient's registration and appointment index; the single writer that keeps their appointments from overlapping.</summary>
public sealed class PatientGrain(
    [PersistentState(ClinicStorage.Patient, ClinicStorage.ProviderName)] IPersistentState<PatientState> state,
    IClock clock) : Grain, IPatientGrain
{
    /// <inheritdoc />
    public async Task<PatientProfile> Register()
    {
        if (state.State.RegisteredAt is null)
        {
            var now = clock.GetCurrentInstant();
            state.State.RegisteredAt = now;
            var id = this.GetPrimaryKeyString();
            state.State.PendingEvents.Add(ClinicEventFactory.Create("patient.registered", id, now, new { patientId = id }));
            await this.SaveAsync(state);
        }

        return Profile()!;
    }

    /// <inheritdoc />
    public Task<PatientProfile?> Get() => Task.FromResult(Profile());

    /// <inheritdoc />
    public async Task<PatientReservation> Reserve(string appointmentId, Instant start, Instant end)
    {
        if (state.State.RegisteredAt is null)
        {
            return PatientReservation.NotRegistered;
        }

        var appointments = state.State.Appointments;
        if (appointments.Any(a => a.Active && a.AppointmentId != appointmentId && a.Start < end && start < a.End))
        {
            return PatientReservation.Overlaps;
        }

        var mine = appointments.Find(a => a.AppointmentId == appointmentId);
        if (mine is not null && mine.Active && mine.Start == start && mine.End == end)
        {
            return PatientReservation.Reserved;
        }

        appointments.RemoveAll(a => a.AppointmentId == appointmentId);
        appointments.Add(new PatientAppointment { AppointmentId = appointmentId, Start = start, End = end });
        await this.SaveAsync(state);
        return PatientReservation.Reserved;
    }

    /// <inheritdoc />
    public async Task Release(string appointmentId)
    {
        var mine = state.State.Appointments.Find(a => a.AppointmentId == appointmentId);
        if (mine is { Active: true })
        {
            mine.Active = false;
            await this.SaveAsync(state);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindAppointments(Instant from, Instant to)
    {
        var ids = state.State.Appointments.Where(a => a.Start < to && from < a.End).OrderBy(a => a.Start).Select(a => a.AppointmentId).ToArray();
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    private PatientProfile? Profile() =>
        state.State.RegisteredAt is { } at ? new PatientProfile(this.GetPrimaryKeyString(), at) : null;
}
