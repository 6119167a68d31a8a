namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>Who reads or changes a patient's personal details and why; the vault's access log records it with the call.</summary>
/// <param name="ActorId">The caller's opaque id (token subject).</param>
/// <param name="ActorRole">The role they act in.</param>
/// <param name="Purpose">Why, without personal details.</param>
[GenerateSerializer, Immutable]
[Alias("OrleansClinic.DetailsAccess")]
public sealed record DetailsAccess([property: Id(0)] string ActorId, [property: Id(1)] string ActorRole, [property: Id(2)] string Purpose);
