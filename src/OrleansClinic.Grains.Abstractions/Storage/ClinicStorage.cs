namespace OrleansClinic.Grains.Abstractions.Storage;

/// <summary>Names that tie grain state to the clinic's storage provider and its tables.</summary>
public static class ClinicStorage
{
    /// <summary>Name of the grain-storage provider every clinic grain persists through.</summary>
    public const string ProviderName = "clinic";

    /// <summary>State name of a doctor's profile (table <c>doctors.doctor</c>).</summary>
    public const string Doctor = "doctor";

    /// <summary>State name of the clinic's doctor list (table <c>doctors.directory</c>).</summary>
    public const string DoctorDirectory = "doctor_directory";

    /// <summary>State name of one doctor's day of slots (table <c>doctors.schedule_day</c>).</summary>
    public const string ScheduleDay = "schedule_day";

    /// <summary>State name of an appointment (table <c>appointments.appointment</c>).</summary>
    public const string Appointment = "appointment";

    /// <summary>State name of a patient's non-PII profile (table <c>users_profile.patient</c>).</summary>
    public const string Patient = "patient";

    /// <summary>State name of a patient's consent history (table <c>users_profile.patient_consent</c>).</summary>
    public const string PatientConsent = "patient_consent";

    /// <summary>State name of a staff member's roles and their history (table <c>users_profile.staff_member</c>).</summary>
    public const string StaffMember = "staff_member";

    /// <summary>State name of the clinic's staff list (table <c>users_profile.staff_directory</c>).</summary>
    public const string StaffDirectory = "staff_directory";

    /// <summary>State name of a remembered Idempotency-Key (table <c>appointments.idempotency_key</c>).</summary>
    public const string IdempotencyKey = "idempotency_key";

    /// <summary>State name of a reassignment workflow (table <c>appointments.reassignment_workflow</c>).</summary>
    public const string Reassignment = "reassignment";

    /// <summary>State of the archive tiering job.</summary>
    public const string TieringRun = "tiering_run";
}
