using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>Which table holds each of the clinic's grain states.</summary>
public static class ClinicStateTables
{
    private static readonly Dictionary<string, string> Tables = new(StringComparer.Ordinal)
    {
        [ClinicStorage.Doctor] = "doctors.doctor",
        [ClinicStorage.DoctorDirectory] = "doctors.directory",
        [ClinicStorage.ScheduleDay] = "doctors.schedule_day",
        [ClinicStorage.Appointment] = "appointments.appointment",
        [ClinicStorage.Patient] = "users_profile.patient",
        [ClinicStorage.IdempotencyKey] = "appointments.idempotency_key",
        [ClinicStorage.PatientConsent] = "users_profile.patient_consent",
        [ClinicStorage.StaffMember] = "users_profile.staff_member",
        [ClinicStorage.StaffDirectory] = "users_profile.staff_directory",
        [ClinicStorage.Reassignment] = "appointments.reassignment_workflow",
        [ClinicStorage.TieringRun] = "appointments.tiering_run",
    };

    /// <summary>Every state name with its schema-qualified table.</summary>
    public static IReadOnlyDictionary<string, string> All => Tables;

    /// <summary>The schema-qualified table of <paramref name="stateName"/>; an unknown name is a missing migration, so it fails loudly.</summary>
    public static string For(string stateName)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        return Tables.TryGetValue(stateName, out var table)
            ? table
            : throw new ArgumentException(
                $"No clinic table stores grain state \"{stateName}\". Add a migration with its table and map it in {nameof(ClinicStateTables)}.",
                nameof(stateName));
    }
}
