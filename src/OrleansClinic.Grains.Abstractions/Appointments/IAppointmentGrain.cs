using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Appointments;

/// <summary>
/// One appointment and the sagas that move it: booking, rescheduling and cancelling. Keyed by appointment id.
/// Every command is safe to repeat, and a saga interrupted by a failure resumes when the grain next activates.
/// </summary>
public interface IAppointmentGrain : IGrainWithStringKey
{
    /// <summary>Books the slot for the patient; repeating the same booking returns the appointment again.</summary>
    Task<AppointmentResult> Book(BookAppointment booking);

    /// <summary>The appointment, or null when this id was never booked.</summary>
    [ReadOnly]
    Task<AppointmentView?> Get();

    /// <summary>Finishes (or undoes) a booking or move an earlier activation left half done; nothing when there is none.</summary>
    Task Finish();

    /// <summary>Moves the appointment to <paramref name="start"/> (with <paramref name="doctorId"/> or the same doctor); the old slot is freed only once the new one is held.</summary>
    Task<AppointmentResult> Reschedule(Instant start, string? doctorId);

    /// <summary>Cancels the appointment and frees its slot; cancelling again changes nothing.</summary>
    Task<AppointmentResult> Cancel(string? reason);

    /// <summary>
    /// Moves the appointment to <paramref name="doctorId"/> at the same time (its doctor became unavailable), as step
    /// of reassignment <paramref name="workflowId"/>; repeating it for the same workflow changes nothing.
    /// </summary>
    Task<AppointmentResult> Reassign(string doctorId, string workflowId);

    /// <summary>Marks the appointment <c>needs_attention</c> (no doctor was free to take it over) for workflow <paramref name="workflowId"/>.</summary>
    Task<AppointmentResult> FlagNeedsAttention(string workflowId);

    /// <summary>Records that the patient has arrived.</summary>
    Task<AppointmentResult> CheckIn();

    /// <summary>Records that the consultation took place.</summary>
    Task<AppointmentResult> Complete();

    /// <summary>Records that the patient did not come.</summary>
    Task<AppointmentResult> MarkNoShow();
}
