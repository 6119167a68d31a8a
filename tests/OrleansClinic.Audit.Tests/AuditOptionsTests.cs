namespace OrleansClinic.Audit.Tests;

/// <summary>The sealer's settings are checked at start-up.</summary>
public sealed class AuditOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions()).Succeeded);

    [Theory]
    [InlineData(0, 1000, 60, "SealInterval")]
    [InlineData(1000, 0, 60, "BatchSize")]
    [InlineData(1000, 20_000, 60, "BatchSize")]
    [InlineData(1000, 1000, 0, "Lookback")]
    public void Settings_out_of_range_are_refused_by_name(int intervalMs, int batch, int lookbackSeconds, string setting)
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions
        {
            SealInterval = TimeSpan.FromMilliseconds(intervalMs), BatchSize = batch, Lookback = TimeSpan.FromSeconds(lookbackSeconds),
        });
        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }
}
