namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>State shaped like Orleans' pub-sub state: grain ids and sets that have no JSON contract.</summary>
[GenerateSerializer]
public sealed class SubscriptionBook
{
    [Id(0)]
    public GrainId Owner { get; set; }

    [Id(1)]
    public HashSet<GrainId> Subscribers { get; init; } = [];

    [Id(2)]
    public HashSet<string> Topics { get; init; } = [];
}
