using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>One recorded change of a staff member's roles.</summary>
/// <param name="At">When it was made.</param>
/// <param name="Actor">The admin who made it.</param>
/// <param name="From">The roles before (empty for the creation).</param>
/// <param name="To">The roles after.</param>
[GenerateSerializer, Immutable]
public sealed record StaffRoleChangeView(
    [property: Id(0)] Instant At,
    [property: Id(1)] string Actor,
    [property: Id(2)] IReadOnlyList<string> From,
    [property: Id(3)] IReadOnlyList<string> To);
