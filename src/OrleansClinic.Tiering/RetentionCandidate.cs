using NodaTime;

namespace OrleansClinic.Tiering;

/// <summary>A patient whose record may have reached the end of retention, and when the clinic last had contact with them.</summary>
/// <param name="PatientId">The patient's id.</param>
/// <param name="LastContact">The latest of their registration and the end of any appointment, hot or archived.</param>
public sealed record RetentionCandidate(string PatientId, Instant LastContact);
