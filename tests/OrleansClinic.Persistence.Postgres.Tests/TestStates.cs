using System.Text.Json.Serialization;
using NodaTime;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>Plain state, as a doctor or patient grain would keep it.</summary>
public sealed class ProfileState
{
    public string? Name { get; set; }

    public int Visits { get; set; }

    public LocalDate? Registered { get; set; }

    public Instant? LastSeen { get; set; }

    public List<string> Tags { get; set; } = [];
}

/// <summary>State that raises events, as the schedule grain's does.</summary>
public sealed class EventfulState : IOutboxState
{
    public int Counter { get; set; }

    [JsonIgnore]
    public List<OutboxEvent> PendingEvents { get; } = [];
}

/// <summary>State shaped like an appointment: it raises events and holds a doctor's slot.</summary>
public sealed class SlotState : IOutboxState, IAppointmentSlotRow
{
    public string? DoctorId { get; set; }

    public string? PatientId { get; set; }

    public Instant? SlotStart { get; set; }

    public Instant? SlotEnd { get; set; }

    public string? Status { get; set; }

    [JsonIgnore]
    public bool HoldsSlot => Status == "booked";

    [JsonIgnore]
    public List<OutboxEvent> PendingEvents { get; } = [];
}
