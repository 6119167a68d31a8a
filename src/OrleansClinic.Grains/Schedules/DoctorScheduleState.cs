using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Schedules;

/// <summary>Persisted state of a <see cref="DoctorScheduleGrain"/>: the day's taken slots.</summary>
[GenerateSerializer]
public sealed class DoctorScheduleState : IOutboxState
{
    /// <summary>Booked and held slots, by start.</summary>
    [Id(0)] public List<TakenSlot> Taken { get; set; } = [];

    /// <summary>How many changes the day has stored: what orders its updates to the clinic's day availability.</summary>
    [Id(1)] public long Revision { get; set; }

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}

/// <summary>A slot taken by an appointment, or held for one until <see cref="HeldUntil"/>.</summary>
[GenerateSerializer]
public sealed class TakenSlot
{
    /// <summary>Slot start.</summary>
    [Id(0)] public Instant Start { get; set; }

    /// <summary>Slot end (exclusive).</summary>
    [Id(1)] public Instant End { get; set; }

    /// <summary>The appointment (or hold owner) that has the slot.</summary>
    [Id(2)] public string AppointmentId { get; set; } = "";

    /// <summary>Set while the slot is only held; the hold lapses at this instant.</summary>
    [Id(3)] public Instant? HeldUntil { get; set; }

    /// <summary>True when this entry still keeps others out of the slot at <paramref name="now"/>.</summary>
    public bool IsActive(Instant now) => ToClaim().IsActive(now);

    /// <summary>The entry's times, as the clinic's day availability holds them.</summary>
    public SlotClaim ToClaim() => new(Start, End, HeldUntil);
}
