namespace OrleansClinic.Gateway.Contracts;

/// <summary>A doctor's absence: the window, why (a short note for staff) and whether it is an emergency or planned leave.</summary>
public sealed record UnavailabilityRequest(string? From, string? To, string? Reason, string? Kind);

/// <summary>A reassignment workflow's progress.</summary>
public sealed record ReassignmentResponse(
    string Id,
    string DoctorId,
    DateTimeOffset From,
    DateTimeOffset To,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ReassignmentCounts Counts,
    IReadOnlyList<ReassignmentItemResponse> Appointments);

/// <summary>How many affected appointments ended up where.</summary>
public sealed record ReassignmentCounts(int Total, int Moved, int NeedsAttention, int Skipped, int NotReached, int Pending);

/// <summary>What became of one affected appointment.</summary>
public sealed record ReassignmentItemResponse(
    string AppointmentId, DateTimeOffset Start, string Outcome, string? NewDoctorId, string? Note, IReadOnlyList<AlternativeSlotResponse> Alternatives);

/// <summary>A free slot staff may offer instead.</summary>
public sealed record AlternativeSlotResponse(string DoctorId, DateTimeOffset Start, DateTimeOffset End);
