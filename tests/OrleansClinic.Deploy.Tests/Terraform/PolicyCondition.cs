namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>A condition of a policy statement.</summary>
/// <param name="Test">The operator, such as <c>StringEquals</c>.</param>
/// <param name="Variable">The condition key.</param>
/// <param name="Values">The values (literal where resolvable).</param>
internal sealed record PolicyCondition(string Test, string Variable, IReadOnlyList<string> Values);
