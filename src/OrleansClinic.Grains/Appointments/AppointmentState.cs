using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Appointments;

/// <summary>Persisted state of an <see cref="AppointmentGrain"/>, including any saga it has not finished.</summary>
[GenerateSerializer]
public sealed class AppointmentState : IOutboxState, IAppointmentSlotRow
{
    /// <summary>Lifecycle status.</summary>
    [Id(0)] public AppointmentStatus Status { get; set; }

    /// <summary>The doctor whose slot it holds.</summary>
    [Id(1)] public string? DoctorId { get; set; }

    /// <summary>The patient it is for.</summary>
    [Id(2)] public string? PatientId { get; set; }

    /// <summary>The held slot: local date in the doctor's zone, start and end.</summary>
    [Id(3)] public SlotRef? Slot { get; set; }

    /// <summary>Slot end (exclusive).</summary>
    [Id(4)] public Instant? End { get; set; }

    /// <summary>Why the patient is coming, if they said.</summary>
    [Id(5)] public string? Reason { get; set; }

    /// <summary>Bumped by every change, so reminders and notifications can tell versions apart.</summary>
    [Id(6)] public int Version { get; set; }

    /// <summary>Every step so far.</summary>
    [Id(7)] public List<AppointmentHistoryEntry> History { get; set; } = [];

    /// <summary>A booking or move that has started but not finished; resumed on the next activation.</summary>
    [Id(8)] public PendingMove? Pending { get; set; }

    /// <summary>Slots this appointment gave up but may still occupy in a schedule; freed on the next activation.</summary>
    [Id(9)] public List<SlotRef> SlotsToRelease { get; set; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];

    [JsonIgnore] Instant? IAppointmentSlotRow.SlotStart => Slot?.Start;

    [JsonIgnore] Instant? IAppointmentSlotRow.SlotEnd => End;

    [JsonIgnore] string? IAppointmentSlotRow.Status => Status == AppointmentStatus.None ? null : Status.ToApiName();

    /// <inheritdoc />
    [JsonIgnore] public bool HoldsSlot => Status != AppointmentStatus.None && AppointmentLifecycle.HoldsSlot(Status);
}

/// <summary>A slot of one doctor's day, as the appointment refers to it.</summary>
[GenerateSerializer, Immutable]
public sealed record SlotRef([property: Id(0)] string DoctorId, [property: Id(1)] LocalDate Date, [property: Id(2)] Instant Start);

/// <summary>What kind of saga is pending.</summary>
public enum PendingKind
{
    /// <summary>A first booking.</summary>
    Book,

    /// <summary>A move to another slot.</summary>
    Reschedule,

    /// <summary>A move to another doctor at the same time, by a reassignment workflow.</summary>
    Reassign,
}

/// <summary>A booking or move written down before its first step, so it can be finished or undone after a crash.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingMove(
    [property: Id(0)] PendingKind Kind,
    [property: Id(1)] SlotRef Target,
    [property: Id(2)] string PatientId,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? WorkflowId = null);
