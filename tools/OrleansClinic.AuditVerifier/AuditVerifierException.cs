namespace OrleansClinic.AuditVerifier;

/// <summary>The verifier could not check the chain at all (bad arguments, no connection, no audit table): exit code 2.</summary>
public sealed class AuditVerifierException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public AuditVerifierException()
    {
    }

    /// <summary>Creates the exception with the message the auditor will read.</summary>
    public AuditVerifierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the auditor will read and the failure behind it.</summary>
    public AuditVerifierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
