using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Entry point of the benchmarks: prints figures, asserts nothing except that no event went missing (live), that
/// every appointment was moved or flagged (reassign), that every booking was texted exactly once (notify), that every
/// outbox row is in one intact audit chain (audit), and that every archived record reads back unchanged (archive),
/// and that exactly one of the clients competing for each slot got it and no doctor is double-booked (booking).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(BenchmarkOptions.Usage);
            return 2;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}, server GC={System.Runtime.GCSettings.IsServerGC}{LoadAverage()}"));
        if (options.Scenario == BenchmarkOptions.Reassign)
        {
            var reassigned = await ReassignmentBenchmark.Run(options, options.PollIntervals[0]);
            Console.WriteLine(reassigned.Format());
            return reassigned.IsComplete ? 0 : 1;
        }

        if (options.Scenario == BenchmarkOptions.Notify)
        {
            var notified = await NotificationBenchmark.Run(options, options.PollIntervals[0]);
            Console.WriteLine(notified.Format());
            return notified.IsComplete ? 0 : 1;
        }

        if (options.Scenario == BenchmarkOptions.Audit)
        {
            var audited = await AuditBenchmark.Run(options);
            Console.WriteLine(audited.Format());
            return audited.IsComplete ? 0 : 1;
        }

        if (options.Scenario == BenchmarkOptions.Booking)
        {
            var booking = await BookingBenchmark.Run(options);
            Console.WriteLine(booking.Format());
            var (json, markdown) = await BookingReport.Write(booking, options.Out ?? BookingReport.DefaultPath(booking.FinishedAt));
            Console.WriteLine($"written: {json}, {markdown}");
            return booking.IsComplete ? 0 : 1;
        }

        if (options.Scenario == BenchmarkOptions.Archive)
        {
            var archived = await ArchiveBenchmark.Run(options);
            Console.WriteLine(archived.Format());
            return archived.IsComplete ? 0 : 1;
        }

        var complete = true;
        foreach (var poll in options.PollIntervals)
        {
            var result = await LiveBenchmark.Run(options, poll);
            Console.WriteLine(result.Format());
            complete &= result.IsComplete;
        }

        // Missing or repeated events are a bug in the path, not a slow figure: say so in the exit code too.
        return complete ? 0 : 1;
    }

    // Other work on the machine moves every figure; on Linux, say how busy it was when the run began.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}
