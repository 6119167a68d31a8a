using System.Globalization;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The benchmark's own command-line options; every other argument is passed to the gateway's configuration.
/// <paramref name="Scenario"/> is one of <see cref="Scenarios"/>; <c>live</c> by default.
/// </summary>
internal sealed record BenchmarkOptions(
    string Scenario,
    int Bookings,
    int Concurrency,
    int Warmup,
    int Appointments,
    int Notifications,
    int Backlog,
    int Rounds,
    int Records,
    int BatchSize,
    int Rows,
    IReadOnlyList<int> Rates,
    TimeSpan LoadDuration,
    IReadOnlyList<int> RelayBatchSizes,
    IReadOnlyList<TimeSpan> PollIntervals,
    IReadOnlyList<string> GatewayArgs,
    string? Out = null,
    TimeSpan PgbenchDuration = default,
    int ProfiledBookings = 100,
    int Connections = 10_000)
{
    /// <summary>The numbers of doctors the search scenario searches across, each at a location of its own.</summary>
    public IReadOnlyList<int> Doctors { get; init; } = [100, 1_000];

    /// <summary>Measured searches at concurrency 1 per number of doctors (half as many at 8).</summary>
    public int Searches { get; init; } = 200;

    /// <summary>The <c>limit</c> the search scenario asks for; null for every free slot.</summary>
    public int? SearchLimit { get; init; }

    /// <summary>The commit-to-SSE benchmark.</summary>
    public const string Live = "live";

    /// <summary>The reassignment workflow benchmark.</summary>
    public const string Reassign = "reassign";

    /// <summary>The booking-to-SMS notification benchmark.</summary>
    public const string Notify = "notify";

    /// <summary>The audit trail's cost on the booking path, and the sealer's throughput.</summary>
    public const string Audit = "audit";

    /// <summary>The archive store's write-and-verify and read throughput, on a local directory and on s3rver.</summary>
    public const string Archive = "archive";

    /// <summary>Booking throughput and latency over HTTP against pgbench's ceiling, contention, and double bookings.</summary>
    public const string Booking = "booking";

    /// <summary>The outbox relay's backlog drain throughput and its lag behind a steady commit rate, on PostgreSQL and Kafka.</summary>
    public const string Outbox = "outbox";

    /// <summary>SSE connections held by one gateway process (memory each), and commit-to-SSE at a fixed booking rate.</summary>
    public const string Sse = "sse";

    /// <summary>Slot search over HTTP for a week across 100 and 1,000 doctors.</summary>
    public const string Search = "search";

    /// <summary>Every scenario of <see cref="BenchmarkSuite"/>, one after another, in one report.</summary>
    public const string All = "all";

    /// <summary>The scenarios the first argument may name.</summary>
    public static readonly IReadOnlyList<string> Scenarios = [All, Booking, Search, Sse, Outbox, Reassign, Archive, Live, Notify, Audit];

    public const string Usage = """
        usage: dotnet run -c Release --project tests/OrleansClinic.Benchmarks -- all|booking|search|sse|outbox|reassign|archive|live|notify|audit [options] [--Config:Key=value ...]
        all:
          runs booking, search, sse, outbox, reassign and archive in turn with the options below, and writes one report
          (.benchmarks/all-<UTC timestamp>.json and .md, or --out PATH)
        live:
          --bookings N       measured bookings per setting (default 2000)
          --concurrency C    bookings in flight at once, and doctors created (default 16)
          --warmup N         bookings made and awaited before measuring (default 100)
          --poll D           one outbox poll interval instead of 200 ms (the default) and 1 s: 100ms, 1s, 250 (ms) or 00:00:00.250
        sse:
          --connections N    SSE connections held by the gateway process (default 10000; the soft and hard open-file limits must allow it)
          --rate R           bookings sent per second, open-loop (default 200)
          --seconds S        seconds of bookings at that rate (default 20)
          --warmup N         bookings made and awaited before the connections open (default 100)
          --poll D           the outbox poll interval (default 200 ms, the production default)
        reassign:
          --appointments N   appointments of the absent doctor, 100 a weekday (default 500)
          --poll D           the outbox poll interval (default 200 ms; matters only when events are on)
        notify:
          --notifications N  patients, each booked once and texted once (default 300)
          --concurrency C    bookings in flight at once, and doctors created (default 16)
          --poll D           the outbox poll interval (default 200 ms)
        audit:
          --bookings N       measured bookings with the sealer off, and again with it on (default 2000)
          --concurrency C    bookings in flight at once, and doctors created (default 16)
          --warmup N         bookings made before measuring, in each run (default 100)
          --backlog N        outbox rows inserted at once and sealed by direct SealAsync(1000) calls (default 20000)
          --rounds R         pairs of runs, sealer off and on, in alternating order: off-on, on-off, ... (default 1)
        archive:
          --records N        synthetic appointment records written and read back, per store (default 100000)
          --batch N          records per archive batch (default 5000)
        booking:
          --bookings N       measured bookings per concurrency level, 1, 8, 32 and 128 (default 2000)
          --warmup N         bookings made before measuring (default 100)
          --pgbench-seconds S  pgbench's -T at each level, connecting included (default 10)
          --profile N        bookings made one at a time while the clinic's spans are recorded, for where a booking's time goes (default 100; 0: none)
          (makes its own databases on CLINIC_TEST_POSTGRES's server, or a throwaway one)
        search:
          --doctors N,M      numbers of doctors searched across, each at a location of its own (default 100,1000)
          --searches N       measured searches at concurrency 1, and half as many at 8, per number (default 200)
          --limit N          asks for at most N slots a search (default: no limit, every free slot of the week)
          (makes its own database on CLINIC_TEST_POSTGRES's server, or a throwaway one)
        outbox:
          --rows N           outbox rows committed at once and drained by one relay, per batch size (default 8000)
          --relay-batch N    one relay BatchSize for the drain instead of 100 (the default), 500 and 1000
          --rate R           one steady commit rate instead of 200 and 1000 rows/s (the relay at its default batch of 100)
          --seconds S        how long each steady rate is held (default 10)
          --poll D           the relay's poll interval (default 200 ms, the production default)
          (makes its own databases on CLINIC_TEST_POSTGRES's server, or a throwaway one, and uses the embedded Kafka)
        booking, search, sse, outbox, reassign, archive, all:
          --out PATH         results as PATH.json and PATH.md (default .benchmarks/<scenario>-<UTC timestamp>)
        all but archive and outbox:
          anything else      gateway configuration, e.g. --ConnectionStrings:Clinic=... --Kafka:BootstrapServers=embedded
          (booking, sse and audit make their own databases on CLINIC_TEST_POSTGRES's server, or a throwaway one)
        """;

    private const string PollKey = "Clinic:Outbox:PollInterval";

    /// <summary>Reads the arguments; throws <see cref="FormatException"/> with a message for the user when one is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var scenario = Live;
        var (bookings, concurrency, warmup, appointments, notifications) = (2000, 16, 100, 500, 300);
        var (backlog, rounds, records, batchSize) = (20_000, 1, 100_000, 5_000);
        TimeSpan? poll = null;
        string? output = null;
        var pgbenchSeconds = 10;
        var profiled = 100;
        // 8,000 rows put about 4 MB on clinic.all, under the mock cluster's 5 MB a partition (see OutboxDeliveries).
        var (rows, connections) = (8_000, 10_000);
        int? rate = null;
        int? loadSeconds = null;
        int? relayBatch = null;
        IReadOnlyList<int> doctors = [100, 1_000];
        var searches = 200;
        int? searchLimit = null;
        var passthrough = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && !arg.StartsWith('-'))
            {
                scenario = Scenarios.Contains(arg) ? arg : throw new FormatException($"unknown scenario '{arg}'; there are {string.Join(", ", Scenarios)}");
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                passthrough.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            string Value()
            {
                if (equals >= 0)
                {
                    return arg[(equals + 1)..];
                }

                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"--{name} needs a value");
                }

                return args[++i];
            }

            switch (name.ToUpperInvariant())
            {
                case "BOOKINGS":
                    bookings = Count(name, Value(), min: 1);
                    break;
                case "CONCURRENCY":
                    concurrency = Count(name, Value(), min: 1);
                    break;
                case "WARMUP":
                    warmup = Count(name, Value(), min: 0);
                    break;
                case "APPOINTMENTS":
                    appointments = Count(name, Value(), min: 1);
                    break;
                case "NOTIFICATIONS":
                    notifications = Count(name, Value(), min: 1);
                    break;
                case "POLL":
                    poll = Duration(name, Value());
                    break;
                case "BACKLOG":
                    backlog = Count(name, Value(), min: 1);
                    break;
                case "ROUNDS":
                    rounds = Count(name, Value(), min: 1);
                    break;
                case "RECORDS":
                    records = Count(name, Value(), min: 1);
                    break;
                case "BATCH":
                    batchSize = Count(name, Value(), min: 1);
                    break;
                case "ROWS":
                    rows = Count(name, Value(), min: 1);
                    break;
                case "RATE":
                    rate = Count(name, Value(), min: 1);
                    break;
                case "SECONDS":
                    loadSeconds = Count(name, Value(), min: 1);
                    break;
                case "RELAY-BATCH":
                    relayBatch = Count(name, Value(), min: 1);
                    break;
                case "PGBENCH-SECONDS":
                    pgbenchSeconds = Count(name, Value(), min: 1);
                    break;
                case "PROFILE":
                    profiled = Count(name, Value(), min: 0);
                    break;
                case "CONNECTIONS":
                    connections = Count(name, Value(), min: 1);
                    break;
                case "DOCTORS":
                    doctors = [.. Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => Count(name, n, min: 1))];
                    doctors = doctors.Count > 0 ? doctors : throw new FormatException("--doctors needs at least one number");
                    break;
                case "SEARCHES":
                    searches = Count(name, Value(), min: 1);
                    break;
                case "LIMIT":
                    searchLimit = Count(name, Value(), min: 1);
                    break;
                case "OUT":
                    output = Value() is { Length: > 0 } path ? path : throw new FormatException("--out needs a path");
                    break;
                default:
                    // Setting the poll interval directly means the same as --poll, and the result block must say which it was.
                    if (string.Equals(name, PollKey, StringComparison.OrdinalIgnoreCase))
                    {
                        poll = Duration(name, Value());
                    }
                    else
                    {
                        passthrough.Add(arg);
                    }

                    break;
            }
        }

        // The audit benchmark compares two fresh databases it makes itself; one named database cannot be both.
        if (scenario is Audit or Booking or Outbox or Sse or Search && passthrough.Any(a => a.StartsWith("--ConnectionStrings:Clinic", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException($"'{scenario}' creates its own databases: choose the server with {Testing.Postgres.PostgresServer.ConnectionStringVariable} instead of --ConnectionStrings:Clinic");
        }

        TimeSpan[] polls = poll is { } one ? [one]
            : scenario is Live ? [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)]
            : [TimeSpan.FromMilliseconds(200)];
        // sse holds one rate for 20 s; outbox steps through two for 10 s each.
        int[] rates = rate is { } r ? [r] : scenario is Sse ? [200] : [200, 1_000];
        var load = TimeSpan.FromSeconds(loadSeconds ?? (scenario is Sse ? 20 : 10));
        int[] relayBatches = relayBatch is { } b ? [b] : [100, 500, 1_000];
        return new BenchmarkOptions(
            scenario, bookings, concurrency, warmup, appointments, notifications, backlog, rounds, records, batchSize,
            rows, rates, load, relayBatches, polls, passthrough, output, TimeSpan.FromSeconds(pgbenchSeconds), profiled, connections)
        {
            Doctors = doctors,
            Searches = searches,
            SearchLimit = searchLimit,
        };
    }

    private static int Count(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new FormatException($"--{name} must be a whole number of at least {min}, not '{value}'");

    private static TimeSpan Duration(string name, string value)
    {
        var text = value.Trim();
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return Positive(name, TimeSpan.FromMilliseconds(ms));
        }

        if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            return Positive(name, TimeSpan.FromSeconds(s));
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            return Positive(name, TimeSpan.FromMilliseconds(bare));
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? Positive(name, span)
            : throw new FormatException($"--{name} must be a duration such as 100ms, 1s or 00:00:00.100, not '{value}'");
    }

    private static TimeSpan Positive(string name, TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new FormatException($"--{name} must be more than zero");
}
