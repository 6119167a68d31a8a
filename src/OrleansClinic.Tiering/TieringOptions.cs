using NodaTime;
using OrleansClinic.Domain.Archival;

namespace OrleansClinic.Tiering;

/// <summary>When and how much the tiering job moves (section <c>Clinic:Tiering</c>).</summary>
public sealed class TieringOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Clinic:Tiering";

    /// <summary>How long after they ended appointments stay in PostgreSQL (ISO period; 13 months by default).</summary>
    public Period HotWindow { get; set; } = TieringRules.DefaultHotWindow;

    /// <summary>Time between runs: twice a day by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Appointments archived, verified and deleted per step; one archive object per step.</summary>
    public int BatchSize { get; set; } = 500;
}
