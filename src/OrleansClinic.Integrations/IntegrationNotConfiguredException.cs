namespace OrleansClinic.Integrations;

/// <summary>Thrown by a placeholder adapter: the national integration it stands for has not been connected in this deployment.</summary>
public sealed class IntegrationNotConfiguredException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="integration"/>, naming what a real adapter needs.</summary>
    public IntegrationNotConfiguredException(string integration)
        : base($"{integration} is not configured: this deployment has only a placeholder adapter. Connecting it needs an adapter that has passed "
            + "the Australian Digital Health Agency / Services Australia conformance testing and the organisation's NASH PKI certificate.")
    {
        Integration = integration;
    }

    /// <summary>Name of the integration that is missing, e.g. "My Health Record".</summary>
    public string Integration { get; }
}
