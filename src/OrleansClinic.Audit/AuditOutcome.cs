namespace OrleansClinic.Audit;

/// <summary>How what an audit entry records ended.</summary>
public static class AuditOutcome
{
    /// <summary>It was done.</summary>
    public const string Success = "success";

    /// <summary>It was refused: bad credentials, no permission.</summary>
    public const string Denied = "denied";

    /// <summary>It was attempted and failed.</summary>
    public const string Failed = "failed";
}
