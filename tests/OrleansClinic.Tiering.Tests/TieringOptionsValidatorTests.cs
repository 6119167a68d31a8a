namespace OrleansClinic.Tiering.Tests;

/// <summary>The tiering job's settings: the defaults pass, and each setting out of range stops start-up with its name.</summary>
public sealed class TieringOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new TieringOptionsValidator().Validate(null, new TieringOptions()).Succeeded);
    }

    [Theory]
    [InlineData("HotWindow", "P0D")]
    [InlineData("HotWindow", "thirteen months")]
    [InlineData("Interval", "00:00:30")]
    [InlineData("Interval", "8.00:00:00")]
    [InlineData("BatchSize", "0")]
    [InlineData("BatchSize", "10001")]
    [InlineData("ReviewBatchSize", "0")]
    [InlineData("ReviewBatchSize", "1001")]
    [InlineData("SentEventsKept", "12:00:00")]
    [InlineData("ProcessedEventsKept", "7.00:00:00")]
    public void A_setting_out_of_range_is_refused_by_name(string setting, string value)
    {
        var options = new TieringOptions();
        switch (setting)
        {
            case "HotWindow": options.HotWindow = value; break;
            case "Interval": options.Interval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "BatchSize": options.BatchSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "SentEventsKept": options.SentEventsKept = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ProcessedEventsKept": options.ProcessedEventsKept = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.ReviewBatchSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new TieringOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Clinic:Tiering:{setting} ", result.FailureMessage, StringComparison.Ordinal);
    }
}
