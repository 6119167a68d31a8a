using NodaTime;

namespace OrleansClinic.Privacy;

/// <summary>One entry of a patient's PII access log: when, what was done, by whom and why; changed field names, never values.</summary>
/// <param name="At">When.</param>
/// <param name="Action">What: <see cref="PiiAction"/>.</param>
/// <param name="Access">Who and why.</param>
/// <param name="Fields">For a correction, the names of the fields that changed; empty otherwise.</param>
public sealed record PiiAccessRecord(Instant At, PiiAction Action, PiiAccess Access, IReadOnlyList<string> Fields);
