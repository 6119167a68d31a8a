using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>
/// A patient's non-PII profile and the index of their appointments; the only writer of that index, so a patient can
/// never hold two overlapping appointments. Keyed by patient id.
/// </summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the patient with their personal details, which go to the PII vault and nowhere else. Registering again
    /// with the same details changes nothing; with other details it is a conflict (null): changes are corrections.
    /// </summary>
    Task<PatientProfile?> Register(PersonalDetails details, DetailsAccess by);

    /// <summary>The patient's personal details, null when not registered or erased; the read is logged with <paramref name="by"/>.</summary>
    Task<PersonalDetails?> ReadDetails(DetailsAccess by);

    /// <summary>Replaces the personal details (APP 13 correction) and returns the names of the fields that changed; null when not registered.</summary>
    Task<IReadOnlyList<string>?> CorrectDetails(PersonalDetails corrected, DetailsAccess by);

    /// <summary>
    /// Erases the personal details as far as retention allows, given the last day the clinic served the patient (null:
    /// never): the whole record now, or the contact details now and the rest on the day retention ends. Repeatable;
    /// null when not registered. Use <see cref="IErasureRequestGrain"/>, which also cancels upcoming appointments.
    /// </summary>
    Task<ErasureOutcome?> Erase(NodaTime.LocalDate? lastService, DetailsAccess by);

    /// <summary>
    /// True when the patient's record may be destroyed now, given their last contact with the clinic: retention has
    /// ended under the clinic's rule (the date of birth is read for it, logged with <paramref name="by"/>), the day an
    /// erasure request set has come, or everything personal went already. A record still kept remembers until when, so
    /// it is not read again before then. False when not registered or destroyed.
    /// </summary>
    Task<bool> ReviewRetention(Instant lastContact, DetailsAccess by);

    /// <summary>
    /// Shreds the personal details and closes the record for good once retention has ended and the patient's
    /// appointments have gone: the id stays, empty, so it is never given to someone else. Repeatable; false when not registered.
    /// </summary>
    Task<bool> DestroyRecord(DetailsAccess by);

    /// <summary>Who read or changed the patient's personal details, when and why, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DetailsAccessEntry>> DetailsAccessLog();

    /// <summary>The profile, or null when the patient is not registered or their record was destroyed.</summary>
    [ReadOnly]
    Task<PatientProfile?> Get();

    /// <summary>Records that the appointment occupies the interval; false when another of the patient's appointments overlaps it.</summary>
    Task<PatientReservation> Reserve(string appointmentId, Instant start, Instant end);

    /// <summary>Frees the appointment's interval for other bookings; it stays listed (idempotent).</summary>
    Task Release(string appointmentId);

    /// <summary>The ids of the patient's appointments (cancelled ones too) overlapping [from, to), by start.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> FindAppointments(Instant from, Instant to);
}

/// <summary>A patient's profile without personal information.</summary>
[GenerateSerializer, Immutable]
public sealed record PatientProfile([property: Id(0)] string Id, [property: Id(1)] Instant RegisteredAt);

/// <summary>Outcome of reserving an interval in a patient's calendar.</summary>
public enum PatientReservation
{
    /// <summary>The interval is the appointment's.</summary>
    Reserved,

    /// <summary>The patient is not registered.</summary>
    NotRegistered,

    /// <summary>Another of the patient's appointments overlaps.</summary>
    Overlaps,
}
