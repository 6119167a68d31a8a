namespace OrleansClinic.Gateway.Auth;

/// <summary>A new account: its <c>sub</c> (the patient id in tokens) and whether it still needs its emailed code confirmed.</summary>
public sealed record CognitoSignUp(string UserSub, bool Confirmed);
