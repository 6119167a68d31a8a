namespace OrleansClinic.Domain.Doctors;

/// <summary>Whether a doctor is seeing patients.</summary>
public enum DoctorStatus
{
    /// <summary>Seeing patients; slots are offered.</summary>
    Available,

    /// <summary>Suddenly unavailable (illness, emergency).</summary>
    Unavailable,

    /// <summary>On planned leave.</summary>
    OnLeave,
}
