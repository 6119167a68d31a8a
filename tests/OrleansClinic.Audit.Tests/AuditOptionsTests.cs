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

    [Theory]
    [InlineData("00:00:59", false)]
    [InlineData("00:01:00", true)]
    [InlineData("01:00:00", true)]
    [InlineData("7.00:00:00", true)]
    [InlineData("7.00:00:01", false)]
    public void The_head_is_anchored_at_most_every_minute_and_at_least_weekly(string interval, bool valid)
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { AnchorInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Clinic:Audit:AnchorInterval must be 1 minute to 7 days", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Late_rows_are_scanned_for_at_least_once_a_lookback(int seconds, bool valid)
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions { Lookback = TimeSpan.FromMinutes(1), LateRowScanInterval = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Clinic:Audit:LateRowScanInterval must be zero to Lookback", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_head_is_anchored_hourly_by_default() => Assert.Equal(TimeSpan.FromHours(1), new AuditOptions().AnchorInterval);
}
