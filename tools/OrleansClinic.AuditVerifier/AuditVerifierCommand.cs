namespace OrleansClinic.AuditVerifier;

/// <summary>The verifier as a command: parses the arguments, runs <see cref="AuditDumpVerifier"/>, prints, and returns the exit code.</summary>
public static class AuditVerifierCommand
{
    /// <summary>Exit code for a chain that verifies (and passes through the anchors, if given).</summary>
    public const int Intact = 0;

    /// <summary>Exit code for a chain that is broken or no longer passes through an anchor.</summary>
    public const int Broken = 1;

    /// <summary>Exit code for a check that could not be made: bad arguments, no connection, no audit table, unreadable anchors.</summary>
    public const int Failed = 2;

    /// <summary>Runs the verifier on <paramref name="args"/>, writing the report to <paramref name="output"/> and any failure to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        AuditVerifierArguments arguments;
        try
        {
            arguments = AuditVerifierArguments.Parse(args);
        }
        catch (AuditVerifierException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(AuditVerifierArguments.Usage);
            return Failed;
        }

        if (arguments.Help)
        {
            await output.WriteLineAsync(AuditVerifierArguments.Usage);
            return Intact;
        }

        try
        {
            var stored = arguments.AnchorDirectory is { } directory ? await AuditAnchorDirectory.ReadAsync(directory, cancellationToken) : null;
            var report = await new AuditDumpVerifier().RunAsync(arguments.ConnectionString, arguments.Anchor, arguments.FromSequence, stored, cancellationToken);
            report.WriteTo(output);
            return report.ExitCode;
        }
        catch (AuditVerifierException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled before the check finished.");
            return Failed;
        }
    }
}
