namespace OrleansClinic.Domain.Reassignment;

/// <summary>A doctor free at an affected appointment's time, with what the choice between such doctors weighs.</summary>
/// <param name="DoctorId">The doctor.</param>
/// <param name="SeenBefore">True when the patient has been seen by this doctor before.</param>
/// <param name="Load">How many appointments the doctor already has that day.</param>
public sealed record ReplacementCandidate(string DoctorId, bool SeenBefore, int Load);
