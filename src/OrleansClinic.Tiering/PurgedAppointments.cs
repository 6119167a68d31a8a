namespace OrleansClinic.Tiering;

/// <summary>What purging one patient's appointments (and the notices about them) did in each tier, and how many archive batches must be restored before the rest can go.</summary>
/// <param name="Hot">Appointments deleted from the hot store.</param>
/// <param name="Archived">Archived appointments removed from their batches (warm or cold).</param>
/// <param name="WaitingForRestore">Cold batches still holding the patient's appointments, asked to be restored; purge again once they are.</param>
/// <param name="Notices">Records of the notices sent to the patient (the notification ledger), deleted with the appointments they were about.</param>
public sealed record PurgedAppointments(int Hot, int Archived, int WaitingForRestore, int Notices)
{
    /// <summary>Whether nothing of the patient's is left in any tier (no cold batch is waiting for a restore).</summary>
    public bool Complete => WaitingForRestore == 0;
}
