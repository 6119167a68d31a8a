using OrleansClinic.AuditVerifier;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await AuditVerifierCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
