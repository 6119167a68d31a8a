namespace OrleansClinic.Hosting;

/// <summary>Constants for running the clinic on PostgreSQL.</summary>
public static class ClinicPostgres
{
    /// <summary>ADO.NET invariant name Orleans uses to load the Npgsql provider.</summary>
    public const string Invariant = "Npgsql";
}
