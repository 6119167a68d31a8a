namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>What an admin gives to add a staff member: roles and, for a doctor, the doctor id they act as.</summary>
/// <param name="Roles">Staff role names (<c>doctor</c>, <c>receptionist</c>, <c>practice_manager</c>, <c>admin</c>).</param>
/// <param name="DoctorId">The linked doctor, only with the doctor role.</param>
[GenerateSerializer, Immutable]
public sealed record NewStaffMember([property: Id(0)] IReadOnlyList<string> Roles, [property: Id(1)] string? DoctorId);
