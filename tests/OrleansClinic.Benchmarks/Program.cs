using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Entry point of the benchmarks: prints figures, asserts nothing except that no event went missing (live) and that
/// every appointment was moved or flagged (reassign), and that every booking was texted exactly once (notify).
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
            $"machine: {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}, server GC={System.Runtime.GCSettings.IsServerGC}"));
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
}
