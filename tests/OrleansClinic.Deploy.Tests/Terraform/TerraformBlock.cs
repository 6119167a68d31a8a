using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>One <c>resource</c> or <c>data</c> block of a module, with its body as the HCL parser gave it.</summary>
/// <param name="Module">The module (folder) it is in.</param>
/// <param name="Kind"><c>resource</c> or <c>data</c>.</param>
/// <param name="Type">The resource type, such as <c>aws_s3_bucket</c>.</param>
/// <param name="Name">The block's name.</param>
/// <param name="File">The file it is in, relative to deploy/terraform.</param>
/// <param name="Body">Its arguments and nested blocks.</param>
internal sealed record TerraformBlock(TerraformModule Module, string Kind, string Type, string Name, string File, JsonElement Body)
{
    /// <summary>How Terraform refers to it: <c>aws_s3_bucket.archive</c> or <c>data.aws_iam_policy_document.silo</c>.</summary>
    public string Address => Kind == "data" ? $"data.{Type}.{Name}" : $"{Type}.{Name}";

    /// <summary>Where it is, for failure messages.</summary>
    public override string ToString() => $"{File}: {Address}";

    /// <summary>An argument of the block, resolved through a plain <c>var.</c> or <c>local.</c> reference; null when absent.</summary>
    public JsonElement? Argument(string name) => Argument(Body, name);

    /// <summary>The nested blocks called <paramref name="name"/>, including the content of <c>dynamic</c> ones.</summary>
    public IEnumerable<JsonElement> Nested(string name) => Nested(Body, name);

    /// <summary>An argument of <paramref name="body"/> (a block of this block), resolved like <see cref="Argument(string)"/>.</summary>
    public JsonElement? Argument(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? Module.Resolve(value) : null;

    /// <summary>The blocks called <paramref name="name"/> inside <paramref name="body"/>, dynamic ones included.</summary>
    public static IEnumerable<JsonElement> Nested(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (body.TryGetProperty(name, out var blocks) && blocks.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in blocks.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object))
            {
                yield return block;
            }
        }

        if (body.TryGetProperty("dynamic", out var dynamic) && dynamic.TryGetProperty(name, out var generators))
        {
            foreach (var content in generators.EnumerateArray().SelectMany(g => Nested(g, "content")))
            {
                yield return content;
            }
        }
    }

    /// <summary>Whether the argument is the JSON literal <c>true</c> (after resolving a variable's default).</summary>
    public bool IsTrue(string name) => Argument(name)?.ValueKind == JsonValueKind.True;

    /// <summary>The argument as text: a string's value, anything else as JSON; null when absent or null.</summary>
    public string? Text(string name) => TextOf(Argument(name));

    /// <summary>The text of a value: a string's value, anything else as JSON; null for absent or null.</summary>
    public static string? TextOf(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    /// <summary>Whether the argument's expression refers to <paramref name="address"/> (such as <c>aws_s3_bucket.archive</c>).</summary>
    public bool Refers(string name, string address) =>
        Body.TryGetProperty(name, out var value) && TerraformExpression.Refers(value.GetRawText(), address);
}
