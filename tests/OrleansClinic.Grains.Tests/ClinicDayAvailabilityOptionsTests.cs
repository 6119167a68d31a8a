using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansClinic.Grains.Schedules;
using OrleansClinic.Hosting;

namespace OrleansClinic.Grains.Tests;

public sealed class ClinicDayAvailabilityOptionsTests
{
    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:01:00", true)]
    [InlineData("01:00:00", true)]
    [InlineData("00:00:00.500", false)]
    [InlineData("01:00:01", false)]
    public void The_refresh_period_is_one_second_to_one_hour(string period, bool valid)
    {
        var result = new ClinicDayAvailabilityOptionsValidator().Validate(null, new ClinicDayAvailabilityOptions { RefreshPeriod = TimeSpan.Parse(period, null) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Clinic:SlotSearch:RefreshPeriod", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_silo_reads_it_from_configuration_and_refuses_a_bad_one()
    {
        static ClinicDayAvailabilityOptions Read(string period)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clinic:SlotSearch:RefreshPeriod"] = period }).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddClinicGrainServices().BuildServiceProvider();
            return services.GetRequiredService<IOptions<ClinicDayAvailabilityOptions>>().Value;
        }

        Assert.Equal(TimeSpan.FromSeconds(30), Read("00:00:30").RefreshPeriod);
        Assert.Throws<OptionsValidationException>(() => Read("00:00:00"));
    }
}
