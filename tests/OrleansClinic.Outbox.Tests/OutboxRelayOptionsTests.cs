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
        Assert.Equal(topic, new OutboxRelayOptions().DestinationsFor(eventType)[0].Topic);

    [Fact]
    public void Default_routes_copy_appointments_to_the_patient_stream_and_everything_routed_to_the_clinic_stream()
    {
        var options = new OutboxRelayOptions();
        Assert.Equal(
            [OutboxDestination.ByEntity("clinic.appointments"), OutboxDestination.ByPayload("clinic.patient-appointments", "patientId"), OutboxDestination.Fixed("clinic.all", "clinic")],
            options.DestinationsFor("appointment.cancelled"));
        Assert.Equal([OutboxDestination.ByEntity("clinic.doctors"), OutboxDestination.Fixed("clinic.all", "clinic")], options.DestinationsFor("slot.released"));
        Assert.Equal([OutboxDestination.ByEntity("clinic.events")], options.DestinationsFor("audit.written"));
    }

    [Theory]
    [InlineData(null, null, "a-1")]
    [InlineData("patientId", null, "p-1")]
    [InlineData("missing", null, null)]
    [InlineData("count", null, null)]
    [InlineData(null, "clinic", "clinic")]
    public void A_destination_keys_by_entity_payload_property_or_a_fixed_key(string? property, string? fixedKey, string? key)
    {
        var row = new OutboxRow(1, Guid.NewGuid(), "appointment.booked", "a-1", null, DateTimeOffset.UnixEpoch, """{"patientId":"p-1","count":3}""");
        Assert.Equal(key, new OutboxDestination("t", property, fixedKey).KeyFor(row));
    }

    [Fact]
    public void An_exact_route_beats_a_pattern_and_the_longest_pattern_wins()
    {
        var options = new OutboxRelayOptions();
        options.Routes["appointment.booked"] = [OutboxDestination.ByEntity("clinic.bookings")];
        options.Routes["appointment.reminder.*"] = [OutboxDestination.ByEntity("clinic.reminders")];
        Assert.Equal("clinic.bookings", options.DestinationsFor("appointment.booked").Single().Topic);
        Assert.Equal("clinic.reminders", options.DestinationsFor("appointment.reminder.sent").Single().Topic);
        Assert.Equal("clinic.appointments", options.DestinationsFor("appointment.cancelled")[0].Topic);
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
        options.Routes["audit.*"] = [new OutboxDestination("clinic.audit", "actor", "fixed")];
        var result = new OutboxRelayOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Routes", StringComparison.Ordinal));
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
        Assert.IsType<PostgresOutboxStore>(validProvider.GetRequiredService<IOutboxStore>());
    }

    [Fact]
    public void AddInMemoryOutboxRelay_needs_no_database_and_shares_its_store()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddInMemoryOutboxRelay(o => o.BootstrapServers = "127.0.0.1:9092");
        using var provider = services.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<InMemoryOutboxStore>(), provider.GetRequiredService<IOutboxStore>());
        Assert.Same(provider.GetRequiredService<OutboxRelay>(), Assert.Single(provider.GetServices<IHostedService>()));
    }
}
