namespace OrleansClinic.Grains.Abstractions.Staff;

/// <summary>The outcome of a staff command: the member as they now stand, or why the command was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record StaffResult([property: Id(0)] StaffError Error, [property: Id(1)] StaffMemberView? Member)
{
    /// <summary>A successful outcome.</summary>
    public static StaffResult Ok(StaffMemberView member) => new(StaffError.None, member);

    /// <summary>A refusal, with the member as they stand if they exist.</summary>
    public static StaffResult Fail(StaffError error, StaffMemberView? member = null) => new(error, member);

    /// <summary>True when the command took effect or was already so.</summary>
    public bool Succeeded => Error == StaffError.None;
}
