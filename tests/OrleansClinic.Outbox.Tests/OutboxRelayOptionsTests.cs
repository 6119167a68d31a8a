using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansClinic.Outbox.Hosting;

namespace OrleansClinic.Outbox.Tests;

public sealed class OutboxRelayOptionsTests
{
    [Theory]
    [InlineData("appointment.booked", "clinic.appointments")]
    [InlineData("appointment.reschedule.started", "clinic.appointments")]
    [InlineData("slot.held", "clinic.doctors")]
    [InlineData("doctor.updated", "clinic.doctors")]
    [InlineData("patient.registered", "clinic.patients")]
    [InlineData("appointments.booked", "clinic.events")]
    [InlineData("audit.written", "clinic.events")]
    public void Default_routes_send_each_event_type_to_its_topic(string eventType, string topic) =>
        Assert.Equal(topic, new OutboxRelayOptions().TopicFor(eventType));

    [Fact]
    public void An_exact_route_beats_a_pattern_and_the_longest_pattern_wins()
    {
        var options = new OutboxRelayOptions();
        options.TopicRoutes["appointment.booked"] = "clinic.bookings";
        options.TopicRoutes["appointment.reminder.*"] = "clinic.reminders";
        Assert.Equal("clinic.bookings", options.TopicFor("appointment.booked"));
        Assert.Equal("clinic.reminders", options.TopicFor("appointment.reminder.sent"));
        Assert.Equal("clinic.appointments", options.TopicFor("appointment.cancelled"));
    }

    [Fact]
    public void The_validator_names_every_missing_or_inconsistent_setting()
    {
        var options = new OutboxRelayOptions
        {
            BatchSize = 0,
            PollInterval = TimeSpan.FromSeconds(10),
            LeaseDuration = TimeSpan.FromSeconds(5),
            BackoffMin = TimeSpan.FromSeconds(5),
            BackoffMax = TimeSpan.FromSeconds(1),
        };
        var result = new OutboxRelayOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("ConnectionString", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BootstrapServers", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BatchSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("LeaseDuration", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BackoffMin", StringComparison.Ordinal));
    }

    [Fact]
    public void AddOutboxRelay_registers_a_hosted_relay_whose_options_are_validated()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOutboxRelay(o => o.BootstrapServers = "127.0.0.1:9092");
        using var provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OutboxRelayOptions>>().Value);

        var valid = new ServiceCollection().AddLogging();
        valid.AddOutboxRelay(o =>
        {
            o.ConnectionString = "Host=127.0.0.1;Database=clinic";
            o.BootstrapServers = "127.0.0.1:9092";
        });
        using var validProvider = valid.BuildServiceProvider();
        var hosted = Assert.Single(validProvider.GetServices<IHostedService>());
        Assert.Same(validProvider.GetRequiredService<OutboxRelay>(), hosted);
    }
}
