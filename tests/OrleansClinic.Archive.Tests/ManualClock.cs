namespace OrleansClinic.Archive.Tests;

/// <summary>A clock the test moves by hand, for restore delays and expiries.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
