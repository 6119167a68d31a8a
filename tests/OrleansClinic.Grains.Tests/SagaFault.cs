using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Grains.Tests;

/// <summary>
/// Fault injection for saga tests: stops one appointment's saga between its steps by holding its outgoing
/// <see cref="IPatientGrain.Reserve"/> call (the step after the new slot is taken), and reports which silo it runs on so
/// the test can kill that silo there.
/// </summary>
public sealed class SagaFault(ILocalSiloDetails silo) : IOutgoingGrainCallFilter
{
    private static readonly object Gate = new();
    private static GrainId? armed;
    private static TaskCompletionSource<SiloAddress> paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Arms the fault for one appointment; returns a task that completes with the silo where it paused.</summary>
    public static Task<SiloAddress> Arm(GrainId appointment)
    {
        lock (Gate)
        {
            armed = appointment;
            paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
            released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return paused.Task;
        }
    }

    /// <summary>Disarms and lets any held call fail.</summary>
    public static void Release()
    {
        lock (Gate)
        {
            armed = null;
            released.TrySetResult();
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        Task? wait = null;
        lock (Gate)
        {
            if (armed is { } target && context.SourceId == target && context.InterfaceMethod.Name == nameof(IPatientGrain.Reserve))
            {
                armed = null;
                paused.TrySetResult(silo.SiloAddress);
                wait = released.Task;
            }
        }

        if (wait is not null)
        {
            await wait;
            throw new InvalidOperationException("The saga was interrupted by the test.");
        }

        await context.Invoke();
    }
}
