namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>What the silo test asks of its probe grain.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task Raise(string eventType);

    Task<int> Count();

    Task Remind();
}
