using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The figures of one booking run: the gateway's levels, pgbench's at the same concurrencies, the contention part and
/// the double bookings found in the database, with the issue's targets judged against them.
/// </summary>
internal sealed record BookingResult(
    DateTimeOffset FinishedAt,
    int Processors,
    string Durability,
    IReadOnlyList<BookingLevel> Levels,
    IReadOnlyList<PgbenchLevel> Pgbench,
    ContentionResult Contention,
    long DoubleBookings,
    IReadOnlyList<string> Troubles,
    IReadOnlyList<ProfileLine> Profile) : IBenchmarkResult
{
    /// <summary>The concurrency the throughput and latency targets are set at.</summary>
    public const int TargetConcurrency = 32;

    /// <summary>The p99 booking latency at <see cref="TargetConcurrency"/> the issue asks to stay under, in milliseconds.</summary>
    public const double TargetP99Ms = 50;

    /// <summary>The share of pgbench's throughput at <see cref="TargetConcurrency"/> the gateway must reach.</summary>
    public const double TargetRatio = 0.5;

    /// <inheritdoc />
    public string Scenario => BenchmarkOptions.Booking;

    /// <inheritdoc />
    /// <remarks>Exactly one booking per contended slot, no double booking, no refused booking of a free slot, pgbench ran.</remarks>
    public bool IsComplete => Contention.IsExact && DoubleBookings == 0 && Troubles.Count == 0;

    /// <inheritdoc />
    public IReadOnlyList<BenchmarkTarget> Targets()
    {
        var c = CultureInfo.InvariantCulture;
        var level = Levels.FirstOrDefault(l => l.Concurrency == TargetConcurrency);
        var ratio = Ratio(TargetConcurrency);
        var p99 = level is null ? double.NaN : Percentile.Of(level.PostMs, 99);
        return
        [
            new($"booking/s at c={TargetConcurrency} ≥ {TargetRatio} × pgbench tps", string.Create(c, $"{ratio:0.00} ×"), ratio >= TargetRatio),
            new($"p99 booking latency at c={TargetConcurrency} < {TargetP99Ms} ms", string.Create(c, $"{p99:0.0} ms"), p99 < TargetP99Ms),
            new("zero double bookings", DoubleBookings.ToString(c), DoubleBookings == 0),
            new($"contention: exactly {Contention.Slots} of {Contention.Clients} clients booked", Contention.Booked.ToString(c), Contention.IsExact),
        ];
    }

    /// <inheritdoc />
    public object Document() => new
    {
        Processors,
        Durability,
        levels = Levels.Select(l => new
        {
            l.Concurrency,
            l.Bookings,
            l.Booked,
            seconds = l.Elapsed.TotalSeconds,
            bookedPerSecond = l.BookedPerSecond,
            p50Ms = Percentile.Of(l.PostMs, 50),
            p95Ms = Percentile.Of(l.PostMs, 95),
            p99Ms = Percentile.Of(l.PostMs, 99),
            maxMs = Percentile.Of(l.PostMs, 100),
            pgbenchTps = Pgbench.FirstOrDefault(p => p.Clients == l.Concurrency)?.Tps,
            ratio = Ratio(l.Concurrency),
        }),
        pgbench = Pgbench,
        contention = new
        {
            Contention.Clients,
            Contention.Slots,
            Contention.Booked,
            Contention.Conflicts,
            Contention.SlotsBooked,
            Contention.Other,
            p50Ms = Percentile.Of(Contention.PostMs, 50),
            p99Ms = Percentile.Of(Contention.PostMs, 99),
            maxMs = Percentile.Of(Contention.PostMs, 100),
        },
        DoubleBookings,
        Troubles,
        Profile,
    };

    /// <summary>Booking/s over pgbench tps at <paramref name="concurrency"/>; NaN when either is missing.</summary>
    public double Ratio(int concurrency)
    {
        var level = Levels.FirstOrDefault(l => l.Concurrency == concurrency);
        var sql = Pgbench.FirstOrDefault(p => p.Clients == concurrency);
        return level is null || sql is null || sql.Tps <= 0 ? double.NaN : level.BookedPerSecond / sql.Tps;
    }

    /// <inheritdoc />
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"booking: {Durability}").AppendLine();
        foreach (var level in Levels)
        {
            var sql = Pgbench.FirstOrDefault(p => p.Clients == level.Concurrency);
            text.Append(c, $"  c={level.Concurrency,-4} booked={level.Booked}/{level.Bookings} booked/s={level.BookedPerSecond:0.0}  ")
                .Append(c, $"POST ms p50={Percentile.Of(level.PostMs, 50):0.0} p95={Percentile.Of(level.PostMs, 95):0.0} p99={Percentile.Of(level.PostMs, 99):0.0}  ")
                .Append(c, $"pgbench tps={sql?.Tps ?? double.NaN:0} (avg {sql?.AverageLatencyMs ?? double.NaN:0.00} ms)  ratio={Ratio(level.Concurrency):0.000}").AppendLine();
        }

        text.Append(c, $"  contention: {Contention.Clients} clients for {Contention.Slots} slots: 201={Contention.Booked} 409={Contention.Conflicts} slots booked={Contention.SlotsBooked}  ")
            .Append(c, $"POST ms p50={Percentile.Of(Contention.PostMs, 50):0.0} p99={Percentile.Of(Contention.PostMs, 99):0.0} max={Percentile.Of(Contention.PostMs, 100):0.0}");
        foreach (var other in Contention.Other)
        {
            text.AppendLine().Append("    other: ").Append(other);
        }

        text.AppendLine().Append(c, $"  double bookings in appointments.appointment: {DoubleBookings}");
        foreach (var target in Targets())
        {
            text.AppendLine().Append(c, $"  target {target.Name}: {target.Measured} → {(target.Met ? "met" : "NOT MET")}");
        }

        foreach (var trouble in Troubles)
        {
            text.AppendLine().Append("  trouble: ").Append(trouble);
        }

        foreach (var line in Profile.Take(25))
        {
            text.AppendLine().Append(c, $"  profile: {line.PerBooking,6:0.00} x {line.Name} ({line.Source}) = {line.MsPerBooking:0.00} ms per booking");
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Booking benchmark, {FinishedAt:yyyy-MM-dd HH:mm} UTC, {Processors} processors, {Durability}.").AppendLine().AppendLine();
        text.AppendLine("| concurrency | bookings | booked/s | p50 ms | p95 ms | p99 ms | pgbench tps | booked/s ÷ tps |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var level in Levels)
        {
            var sql = Pgbench.FirstOrDefault(p => p.Clients == level.Concurrency);
            text.Append(c, $"| {level.Concurrency} | {level.Booked}/{level.Bookings} | {level.BookedPerSecond:0.0} | ")
                .Append(c, $"{Percentile.Of(level.PostMs, 50):0.0} | {Percentile.Of(level.PostMs, 95):0.0} | {Percentile.Of(level.PostMs, 99):0.0} | ")
                .Append(c, $"{sql?.Tps ?? double.NaN:0} | {Ratio(level.Concurrency):0.000} |").AppendLine();
        }

        text.AppendLine()
            .Append(c, $"Contention: {Contention.Clients} clients for {Contention.Slots} slots: {Contention.Booked} × 201, {Contention.Conflicts} × 409, ")
            .Append(c, $"p50 {Percentile.Of(Contention.PostMs, 50):0.0} ms, p99 {Percentile.Of(Contention.PostMs, 99):0.0} ms. ")
            .Append(c, $"Double bookings in the database: {DoubleBookings}.").AppendLine();
        if (Profile.Count > 0)
        {
            text.AppendLine().AppendLine("Where a booking's time goes (one at a time, spans per booking; spans nest, so times overlap):").AppendLine()
                .Append(ProfileLine.Table(Profile));
        }
        return text.ToString();
    }
}

/// <summary>One concurrency level of bookings over HTTP; POST times are sorted, in milliseconds.</summary>
internal sealed record BookingLevel(int Concurrency, int Bookings, int Booked, TimeSpan Elapsed, IReadOnlyList<double> PostMs)
{
    /// <summary>201 responses per second of the level.</summary>
    public double BookedPerSecond => Elapsed > TimeSpan.Zero ? Booked / Elapsed.TotalSeconds : 0;
}

/// <summary>Many clients for few slots: how many got one, how many were told it was taken, and what else came back.</summary>
internal sealed record ContentionResult(int Clients, int Slots, int Booked, int Conflicts, int SlotsBooked, IReadOnlyList<string> Other, IReadOnlyList<double> PostMs)
{
    /// <summary>True when every slot was booked exactly once and everyone else was refused with 409.</summary>
    public bool IsExact => Booked == Slots && SlotsBooked == Slots && Conflicts == Clients - Slots;
}
