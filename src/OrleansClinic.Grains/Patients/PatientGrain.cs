using NodaTime;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;
using OrleansClinic.Privacy;

namespace OrleansClinic.Grains.Patients;

/// <summary>
/// A patient's registration and appointment index; the single writer that keeps their appointments from overlapping,
/// and the one door to their personal details in the PII vault.
/// </summary>
public sealed class PatientGrain(
    [PersistentState(ClinicStorage.Patient, ClinicStorage.ProviderName)] IPersistentState<PatientState> state,
    IPiiVault vault,
    RetentionRule retention,
    IClock clock) : Grain, IPatientGrain
{
    /// <inheritdoc />
    public async Task<PatientProfile?> Register(PersonalDetails details, DetailsAccess by)
    {
        ArgumentNullException.ThrowIfNull(details);
        var id = this.GetPrimaryKeyString();
        if (state.State.RegisteredAt is not null)
        {
            return await ReadDetails(by) == details ? Profile() : null;
        }

        // The vault first: a crash before the state is saved leaves details to be stored again by the retry, never a
        // registered patient without details.
        await vault.StoreAsync(id, ToPii(details), by.ToPiiAccess());
        var now = clock.GetCurrentInstant();
        state.State.RegisteredAt = now;
        state.State.PendingEvents.Add(ClinicEventFactory.Create("patient.registered", id, now, new { patientId = id }));
        await this.SaveAsync(state);
        return Profile();
    }

    /// <inheritdoc />
    public async Task<PersonalDetails?> ReadDetails(DetailsAccess by)
    {
        if (state.State.RegisteredAt is null)
        {
            return null;
        }

        return await vault.ReadAsync(this.GetPrimaryKeyString(), by.ToPiiAccess()) is { } pii ? FromPii(pii) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> CorrectDetails(PersonalDetails corrected, DetailsAccess by)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        if (state.State.RegisteredAt is null)
        {
            return null;
        }

        var id = this.GetPrimaryKeyString();
        var changed = await vault.StoreAsync(id, ToPii(corrected), by.ToPiiAccess());
        if (changed.Count > 0)
        {
            // Field names only: the event tells listeners what to refresh, never the values.
            state.State.PendingEvents.Add(ClinicEventFactory.Create("patient.details_corrected", id, clock.GetCurrentInstant(), new { patientId = id, fields = changed }));
            await this.SaveAsync(state);
        }

        return changed;
    }

    /// <inheritdoc />
    public async Task<ErasureOutcome?> Erase(LocalDate? lastService, DetailsAccess by)
    {
        if (state.State.RegisteredAt is null)
        {
            return null;
        }

        var id = this.GetPrimaryKeyString();
        var access = by.ToPiiAccess();
        var now = clock.GetCurrentInstant();
        var requestedAt = state.State.ErasureRequestedAt ?? now;
        if (state.State.ErasedAt is not null)
        {
            return new ErasureOutcome(requestedAt, true, [], null, []);
        }

        // The date of birth decides a minor's retention; a record already gone (an earlier attempt shredded it before
        // saving) has nothing left to keep.
        var pii = await vault.ReadAsync(id, access);
        var plan = pii is null ? new ErasurePlan(true, null) : ErasurePlan.For(pii.DateOfBirth, lastService, now.InUtc().Date, retention);
        IReadOnlyList<string> erased;
        if (plan.EverythingNow)
        {
            await vault.ShredAsync(id, access);
            erased = pii?.FilledFields ?? [];
            state.State.ErasedAt = now;
            state.State.RestErasedOn = null;
        }
        else
        {
            erased = await vault.EraseFieldsAsync(id, ErasurePlan.ContactFields, access);
            state.State.RestErasedOn = plan.RestErasedOn;
        }

        if (state.State.ErasureRequestedAt is null || plan.EverythingNow || erased.Count > 0)
        {
            state.State.ErasureRequestedAt = requestedAt;
            // Field names and dates only: the retention job picks up restErasedOn; screens learn the patient is leaving.
            state.State.PendingEvents.Add(ClinicEventFactory.Create("patient.erasure_requested", id, now, new
            {
                patientId = id,
                complete = plan.EverythingNow,
                erased,
                restErasedOn = plan.RestErasedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }));
            await this.SaveAsync(state);
        }

        return new ErasureOutcome(requestedAt, plan.EverythingNow, erased, plan.RestErasedOn, []);
    }

    /// <inheritdoc />
    public async Task<bool> ReviewRetention(Instant lastContact, DetailsAccess by)
    {
        if (state.State.RegisteredAt is null || state.State.DestroyedAt is not null)
        {
            return false;
        }

        var today = clock.GetCurrentInstant().InUtc().Date;
        if (state.State.ErasedAt is not null)
        {
            // Everything personal went with an erasure request; what the clinic still holds is due with it.
            return true;
        }

        if (state.State.RestErasedOn is { } restErasedOn)
        {
            // Set by the erasure request from the last service; nothing can be booked after the request to move it.
            return restErasedOn <= today;
        }

        if (state.State.RetainedUntil is { } until && until > today)
        {
            return false;
        }

        // A record the vault no longer has was shredded by an erasure or destruction that died before saving: due.
        if (await vault.ReadAsync(this.GetPrimaryKeyString(), by.ToPiiAccess()) is not { } pii)
        {
            return true;
        }

        var keepUntil = retention.KeepUntil(pii.DateOfBirth, lastContact.InZone(RetentionRule.LatestCalendar).Date);
        if (keepUntil <= today)
        {
            return true;
        }

        state.State.RetainedUntil = keepUntil;
        await this.SaveAsync(state);
        return false;
    }

    /// <inheritdoc />
    public async Task<bool> DestroyRecord(DetailsAccess by)
    {
        if (state.State.RegisteredAt is null)
        {
            return false;
        }

        if (state.State.DestroyedAt is not null)
        {
            return true;
        }

        var id = this.GetPrimaryKeyString();
        await vault.ShredAsync(id, by.ToPiiAccess());
        var now = clock.GetCurrentInstant();
        state.State.ErasedAt ??= now;
        state.State.DestroyedAt = now;
        state.State.RestErasedOn = null;
        state.State.RetainedUntil = null;
        state.State.Appointments.Clear();
        state.State.PendingEvents.Add(ClinicEventFactory.Create("patient.record_destroyed", id, now, new { patientId = id }));
        await this.SaveAsync(state);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DetailsAccessEntry>> DetailsAccessLog() =>
        [.. (await vault.AccessLogAsync(this.GetPrimaryKeyString())).Select(e => new DetailsAccessEntry(
            e.At, e.Action.ToString().ToLowerInvariant(), new DetailsAccess(e.Access.ActorId, e.Access.ActorRole, e.Access.Purpose), e.Fields))];

    /// <inheritdoc />
    public Task<PatientProfile?> Get() => Task.FromResult(Profile());

    /// <inheritdoc />
    public async Task<PatientReservation> Reserve(string appointmentId, Instant start, Instant end)
    {
        // After an erasure request nothing new is booked: the patient asked the clinic to let them go.
        if (state.State.RegisteredAt is null || state.State.ErasureRequestedAt is not null || state.State.DestroyedAt is not null)
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

    private static PatientPii ToPii(PersonalDetails d) => new(d.GivenNames, d.FamilyName, d.DateOfBirth, d.Email, d.Phone, d.MedicareNumber, d.Ihi);

    private static PersonalDetails FromPii(PatientPii p) => new(p.GivenNames, p.FamilyName, p.DateOfBirth, p.Email, p.Phone, p.MedicareNumber, p.Ihi);


    private PatientProfile? Profile() =>
        state.State is { RegisteredAt: { } at, DestroyedAt: null } ? new PatientProfile(this.GetPrimaryKeyString(), at) : null;
}
