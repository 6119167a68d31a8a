using OrleansClinic.Grains.Abstractions.Events;

namespace OrleansClinic.Outbox;

/// <summary>How the outbox relay reaches PostgreSQL and Kafka, how fast it works, and where each event type goes.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>The topic for event types no route matches: <c>clinic.events</c>.</summary>
    public const string DefaultFallbackTopic = "clinic.events";

    /// <summary>PostgreSQL connection string of the database holding <c>outbox.event</c>. Required by <c>AddOutboxRelay</c>, unused in memory.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Kafka <c>bootstrap.servers</c>. Required.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Most rows read and produced per round. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Pause between rounds when the outbox is empty or the lease is held elsewhere: about half of it is the average wait of a quiet event. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a taken or renewed lease lasts; a dead holder is replaced this long after its last renewal. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Name of the lease row; relays sharing a name share one outbox. Default <c>outbox-relay</c>.</summary>
    public string LeaseName { get; set; } = "outbox-relay";

    /// <summary>This relay's name in the lease row. Default: machine, process id and a random suffix.</summary>
    public string? HolderId { get; set; }

    /// <summary>First wait after a failure (Kafka or PostgreSQL unavailable); doubled per further failure. Default 500 ms.</summary>
    public TimeSpan BackoffMin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts while failures go on. Default 30 s.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the producer keeps trying to deliver one message before reporting it failed (<c>message.timeout.ms</c>). Default 10 s.</summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Event type → where it is published. A key is an exact event type (<c>appointment.booked</c>) or a prefix pattern
    /// ending in <c>.*</c> (<c>appointment.*</c>); the exact key wins, then the longest matching prefix, then
    /// <see cref="FallbackTopic"/> keyed by entity. The defaults follow docs/decisions/0002-event-backbone-plan.md.
    /// </summary>
    public IDictionary<string, IReadOnlyList<OutboxDestination>> Routes { get; } = new Dictionary<string, IReadOnlyList<OutboxDestination>>(StringComparer.Ordinal)
    {
        ["appointment.*"] =
        [
            OutboxDestination.ByEntity(ClinicEventStreams.AppointmentsTopic),
            OutboxDestination.ByPayload(ClinicEventStreams.PatientAppointmentsTopic, "patientId"),
            OutboxDestination.Fixed(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey),
        ],
        ["slot.*"] = [OutboxDestination.ByEntity(ClinicEventStreams.DoctorsTopic), OutboxDestination.Fixed(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey)],
        ["doctor.*"] = [OutboxDestination.ByEntity(ClinicEventStreams.DoctorsTopic), OutboxDestination.Fixed(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey)],
        ["patient.*"] = [OutboxDestination.ByEntity(ClinicEventStreams.PatientsTopic), OutboxDestination.Fixed(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey)],
        ["consent.*"] = [OutboxDestination.ByEntity(ClinicEventStreams.PatientsTopic), OutboxDestination.Fixed(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey)],
        // Workflow progress is for the staff dashboard only: it names appointments, which the public schedule must not.
        ["reassignment.*"] = [OutboxDestination.Fixed(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey)],
    };

    /// <summary>Topic for event types no route matches, keyed by entity. Default <c>clinic.events</c>.</summary>
    public string FallbackTopic { get; set; } = DefaultFallbackTopic;

    /// <summary>Extra librdkafka producer settings (security, SASL, ...). The relay's delivery guarantees override these.</summary>
    public IDictionary<string, string> ProducerConfig { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where an event of type <paramref name="eventType"/> is published.</summary>
    public IReadOnlyList<OutboxDestination> DestinationsFor(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (Routes.TryGetValue(eventType, out var exact))
        {
            return exact;
        }

        IReadOnlyList<OutboxDestination>? best = null;
        var bestLength = -1;
        foreach (var (pattern, destinations) in Routes)
        {
            if (!pattern.EndsWith(".*", StringComparison.Ordinal))
            {
                continue;
            }

            // "appointment.*" matches "appointment.booked" and "appointment.x.y", never "appointments.booked".
            var prefix = pattern[..^1];
            if (eventType.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > bestLength)
            {
                best = destinations;
                bestLength = prefix.Length;
            }
        }

        return best ?? [OutboxDestination.ByEntity(FallbackTopic)];
    }
}
