using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Staff;

/// <summary>Persisted state of a <see cref="StaffGrain"/>: ids and roles only, never a name or contact detail.</summary>
[GenerateSerializer]
public sealed class StaffState : IOutboxState
{
    /// <summary>When the member was added; null while no one has this id.</summary>
    [Id(0)] public Instant? CreatedAt { get; set; }

    /// <summary>The admin who added the member.</summary>
    [Id(1)] public string CreatedBy { get; set; } = "";

    /// <summary>Current roles, in the clinic's order.</summary>
    [Id(2)] public List<string> Roles { get; set; } = [];

    /// <summary>The doctor this member acts as, if any.</summary>
    [Id(3)] public string? DoctorId { get; set; }

    /// <summary>Every role assignment, oldest first; entries are only ever added.</summary>
    [Id(4)] public List<StaffRoleEntry> History { get; set; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}

/// <summary>One stored role change.</summary>
[GenerateSerializer]
public sealed class StaffRoleEntry
{
    /// <summary>When it was made.</summary>
    [Id(0)] public Instant At { get; set; }

    /// <summary>The admin who made it.</summary>
    [Id(1)] public string Actor { get; set; } = "";

    /// <summary>The roles before.</summary>
    [Id(2)] public List<string> From { get; set; } = [];

    /// <summary>The roles after.</summary>
    [Id(3)] public List<string> To { get; set; } = [];
}
