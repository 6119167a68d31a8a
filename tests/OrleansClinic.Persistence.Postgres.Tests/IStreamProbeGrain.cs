namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>What the pub-sub test asks of its stream consumer.</summary>
public interface IStreamProbeGrain : IGrainWithStringKey
{
    Task Subscribe();

    Task<int> Received();
}
