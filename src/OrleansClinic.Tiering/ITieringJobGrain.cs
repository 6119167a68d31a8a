using Orleans.Concurrency;

namespace OrleansClinic.Tiering;

/// <summary>The cluster-wide archive tiering job: one activation, so one run at a time. Use key <see cref="Appointments"/>.</summary>
public interface ITieringJobGrain : IGrainWithStringKey
{
    /// <summary>The job that tiers appointments.</summary>
    public const string Appointments = "appointments";

    /// <summary>Registers the schedule (every <see cref="TieringOptions.Interval"/>); idempotent, called by each silo at start-up.</summary>
    Task Schedule();

    /// <summary>Starts a run now unless one is running; returns its state.</summary>
    Task<TieringRunView> RunNow();

    /// <summary>The current or last run.</summary>
    [ReadOnly]
    Task<TieringRunView> Get();
}
