namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>One statement of an <c>aws_iam_policy_document</c>, with its lists resolved where they are literal.</summary>
/// <param name="Document">The data source it belongs to.</param>
/// <param name="Sid">Its sid, or empty.</param>
/// <param name="Effect"><c>Allow</c> (the default) or <c>Deny</c>.</param>
/// <param name="Actions">Its actions; an element is an expression (<c>${...}</c>) when the list could not be resolved.</param>
/// <param name="NotActions">Its not_actions.</param>
/// <param name="Resources">Its resources.</param>
/// <param name="NotResources">Its not_resources.</param>
/// <param name="Conditions">Its conditions.</param>
internal sealed record PolicyStatement(
    TerraformBlock Document,
    string Sid,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> NotResources,
    IReadOnlyList<PolicyCondition> Conditions)
{
    /// <summary>Where it is, for failure messages.</summary>
    public override string ToString() => Sid.Length > 0 ? $"{Document} statement {Sid}" : $"{Document} (a statement without sid)";
}
