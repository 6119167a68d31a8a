namespace OrleansClinic.Domain.Doctors;

/// <summary>Why a doctor is away: suddenly (illness, emergency) or by plan (leave).</summary>
public enum AbsenceKind
{
    /// <summary>Sudden: the doctor is unavailable from now on until they return.</summary>
    Emergency,

    /// <summary>Planned leave: only the window is closed; the doctor sees patients outside it.</summary>
    Planned,
}
