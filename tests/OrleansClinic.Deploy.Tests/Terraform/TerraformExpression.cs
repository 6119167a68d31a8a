using System.Text.RegularExpressions;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>What a Terraform expression (as the parser's JSON text, <c>${...}</c>) refers to.</summary>
internal static partial class TerraformExpression
{
    /// <summary>Whether <paramref name="text"/> refers to <paramref name="address"/>, as a whole name (not a longer one it begins).</summary>
    public static bool Refers(string text, string address) =>
        Regex.IsMatch(text, $@"(?<![\w.]){Regex.Escape(address)}(?![\w-])");

    /// <summary>The <c>var.</c> names <paramref name="text"/> uses.</summary>
    public static IEnumerable<string> Variables(string text) => Interpolated(text, VariablePattern());

    /// <summary>The <c>local.</c> names <paramref name="text"/> uses.</summary>
    public static IEnumerable<string> Locals(string text) => Interpolated(text, LocalPattern());

    /// <summary>The module outputs <paramref name="text"/> uses, as (module, output).</summary>
    public static IEnumerable<(string Module, string Output)> ModuleOutputs(string text) =>
        Interpolations(text).SelectMany(i => ModuleOutputPattern().Matches(i)).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    /// <summary>The data sources <paramref name="text"/> uses, as <c>data.type.name</c>.</summary>
    public static IEnumerable<string> DataSources(string text) =>
        Interpolations(text).SelectMany(i => DataPattern().Matches(i)).Select(m => m.Value);

    /// <summary>The resources <paramref name="text"/> uses, as <c>type.name</c> (types of the providers this repository uses).</summary>
    public static IEnumerable<string> Resources(string text) =>
        Interpolations(text).SelectMany(i => ResourcePattern().Matches(i)).Select(m => m.Value);

    private static IEnumerable<string> Interpolated(string text, Regex pattern) =>
        Interpolations(text).SelectMany(i => pattern.Matches(i)).Select(m => m.Groups[1].Value);

    // Only what sits inside ${...} is an expression; the rest of a string is text (descriptions, ARNs).
    private static IEnumerable<string> Interpolations(string text)
    {
        for (var start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", start + 2, StringComparison.Ordinal))
        {
            var depth = 0;
            var end = start + 1;
            for (; end < text.Length; end++)
            {
                if (text[end] == '{')
                {
                    depth++;
                }
                else if (text[end] == '}' && --depth == 0)
                {
                    break;
                }
            }

            yield return text[start..Math.Min(end + 1, text.Length)];
        }
    }

    [GeneratedRegex(@"(?<![\w.])var\.([A-Za-z_][\w-]*)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"(?<![\w.])local\.([A-Za-z_][\w-]*)")]
    private static partial Regex LocalPattern();

    [GeneratedRegex(@"(?<![\w.])module\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)")]
    private static partial Regex ModuleOutputPattern();

    [GeneratedRegex(@"(?<![\w.])data\.[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*")]
    private static partial Regex DataPattern();

    [GeneratedRegex(@"(?<![\w.])(aws|random|archive|tls|terraform)_[a-z0-9_]+\.[A-Za-z_][\w-]*")]
    private static partial Regex ResourcePattern();
}
