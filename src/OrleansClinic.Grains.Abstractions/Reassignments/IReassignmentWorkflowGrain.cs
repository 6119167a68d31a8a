using NodaTime;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Grains.Abstractions.Reassignments;

/// <summary>
/// Moves an unavailable doctor's appointments in a window to other doctors, one at a time in start order, persisting
/// each step; a reminder resumes it after a silo dies. Keyed by workflow id.
/// </summary>
public interface IReassignmentWorkflowGrain : IGrainWithStringKey
{
    /// <summary>
    /// Finds the affected appointments and starts working through them; starting again returns the progress. Takes the
    /// doctor's profile rather than asking the doctor grain, which is the caller and must never be called back.
    /// </summary>
    Task<ReassignmentView> Start(DoctorProfile doctor, Instant from, Instant to);

    /// <summary>The progress, or null when no such workflow was started.</summary>
    [ReadOnly]
    Task<ReassignmentView?> Get();

    /// <summary>Stops before the next appointment (the doctor is back); the ones not reached stay with their doctor.</summary>
    Task<ReassignmentView?> Cancel();
}
