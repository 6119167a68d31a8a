using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansClinic.Hosting.Appointments;

namespace OrleansClinic.Gateway.Tests.Hosting;

/// <summary>The unfinished-appointment sweep's settings: read from <c>Clinic:AppointmentSweep</c>, refused when they would not work.</summary>
public sealed class UnfinishedAppointmentSweepOptionsTests
{
    [Fact]
    public void The_defaults_pass_and_the_validator_names_every_unworkable_setting()
    {
        var validator = new UnfinishedAppointmentSweepOptionsValidator();
        Assert.True(validator.Validate(null, new UnfinishedAppointmentSweepOptions()).Succeeded);

        var result = validator.Validate(null, new UnfinishedAppointmentSweepOptions { Interval = TimeSpan.Zero, MinimumAge = TimeSpan.FromMilliseconds(500), BatchSize = 0 });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Interval", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MinimumAge", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("BatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sweep_reads_its_section_and_refuses_a_bad_value_when_its_options_are_first_used()
    {
        using var configured = Provider(new() { ["Clinic:AppointmentSweep:Interval"] = "00:00:05", ["Clinic:AppointmentSweep:BatchSize"] = "50" });
        var options = configured.GetRequiredService<IOptions<UnfinishedAppointmentSweepOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(5), 50, TimeSpan.FromSeconds(30)), (options.Interval, options.BatchSize, options.MinimumAge));

        using var refused = Provider(new() { ["Clinic:AppointmentSweep:BatchSize"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => refused.GetRequiredService<IOptions<UnfinishedAppointmentSweepOptions>>().Value);
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddUnfinishedAppointmentSweep("Host=127.0.0.1;Database=clinic");
        return services.BuildServiceProvider();
    }
}
