using NodaTime;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>A free slot a search found: the doctor's place in the search's doctor list, and the slot's instants.</summary>
public readonly record struct FoundSlot(int Doctor, Instant Start, Instant End);
