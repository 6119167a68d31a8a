using OrleansClinic.Grains.Abstractions.Staff;

namespace OrleansClinic.Grains.Tests;

/// <summary>
/// Fault injection for the staff list: fails the next <see cref="IStaffDirectoryGrain.Upsert"/> one staff member's grain
/// makes, after that member's own state is saved, as a directory activation that cannot write would.
/// </summary>
public sealed class StaffDirectoryFault : IOutgoingGrainCallFilter
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<GrainId> Armed = [];

    /// <summary>Fails the next directory update from <paramref name="member"/>.</summary>
    public static void Arm(GrainId member)
    {
        lock (Gate)
        {
            Armed.Add(member);
        }
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IStaffDirectoryGrain) && context.InterfaceMethod.Name == nameof(IStaffDirectoryGrain.Upsert)
            && context.SourceId is { } source)
        {
            lock (Gate)
            {
                if (Armed.Remove(source))
                {
                    throw new InvalidOperationException("The staff list could not be written (injected by the test).");
                }
            }
        }

        return context.Invoke();
    }
}
