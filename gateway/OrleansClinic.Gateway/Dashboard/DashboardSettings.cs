namespace OrleansClinic.Gateway.Dashboard;

/// <summary>What the dashboard needs to know before anyone signs in.</summary>
/// <param name="SignIn"><c>dev</c> (the development issuer: pick a role) or <c>cognito</c> (email and password).</param>
public sealed record DashboardSettings(string SignIn);
