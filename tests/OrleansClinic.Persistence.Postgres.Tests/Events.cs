using NodaTime;

namespace OrleansClinic.Persistence.Postgres.Tests;

internal static class Events
{
    public static OutboxEvent About(string entityKey, string type) =>
        new(Guid.CreateVersion7(), type, entityKey, "corr-" + type, SystemClock.Instance.GetCurrentInstant(), $$"""{"entity":"{{entityKey}}"}""");

    public static GrainId NewGrainId(string type = "test") => GrainId.Create(type, Guid.NewGuid().ToString("N"));
}
