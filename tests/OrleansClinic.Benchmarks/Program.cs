namespace OrleansClinic.Benchmarks;

/// <summary>
/// Entry point of the benchmarks: prints figures, asserts nothing except that no event went missing (live), that
/// every appointment was moved or flagged (reassign), that every booking was texted exactly once (notify), that every
/// outbox row is in one intact audit chain (audit), that every archived record reads back unchanged (archive),
/// that exactly one of the clients competing for each slot got it and no doctor is double-booked (booking), that every
/// slot search answers exactly the free slots (search), that every held SSE connection got its doctor's events once
/// while the staff watcher got every booking's (sse), and that the relay published every outbox row exactly once to
/// each topic of its route (outbox).
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

        Console.WriteLine("machine: " + BenchmarkReport.Machine());
        if (options.Scenario == BenchmarkOptions.All)
        {
            return await BenchmarkSuite.Run(options, [.. BenchmarkSuite.Scenarios.Select(s => s.Name)]);
        }

        if (BenchmarkSuite.Scenarios.Any(s => s.Name == options.Scenario))
        {
            return await BenchmarkSuite.Run(options, [options.Scenario]);
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
