namespace OrleansClinic.Tiering;

/// <summary>A patient's archived appointments that could be read now, and how many archive batches are being restored from the cold tier first.</summary>
[GenerateSerializer, Immutable]
public sealed record ArchivedAppointments(
    [property: Id(0)] IReadOnlyList<ArchivedAppointmentView> Appointments,
    [property: Id(1)] int BatchesRestoring)
{
    /// <summary>Nothing archived.</summary>
    public static ArchivedAppointments None { get; } = new([], 0);
}
