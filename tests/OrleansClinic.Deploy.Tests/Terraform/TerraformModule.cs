using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>One Terraform module: the .tf files of one folder under deploy/terraform.</summary>
internal sealed partial class TerraformModule
{
    private readonly Dictionary<string, JsonElement> variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> locals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> moduleCalls = new(StringComparer.Ordinal);
    private readonly List<TerraformBlock> blocks = [];
    private readonly List<(string File, JsonElement Body)> files = [];

    /// <summary>Reads the module in <paramref name="folder"/> from its parsed files (relative path → JSON).</summary>
    public TerraformModule(string folder, IEnumerable<(string File, JsonElement Body)> parsed)
    {
        Folder = folder;
        foreach (var (file, body) in parsed)
        {
            files.Add((file, body));
            foreach (var kind in new[] { "resource", "data" })
            {
                foreach (var type in Properties(body, kind))
                {
                    foreach (var named in type.Value.EnumerateObject())
                    {
                        blocks.AddRange(named.Value.EnumerateArray().Select(b => new TerraformBlock(this, kind, type.Name, named.Name, file, b)));
                    }
                }
            }

            Collect(body, "variable", variables);
            Collect(body, "output", outputs);
            Collect(body, "module", moduleCalls);
            if (body.TryGetProperty("locals", out var localBlocks))
            {
                foreach (var local in localBlocks.EnumerateArray().SelectMany(b => b.EnumerateObject()))
                {
                    locals[local.Name] = local.Value;
                }
            }
        }
    }

    /// <summary>The folder relative to deploy/terraform, such as <c>modules/storage</c>.</summary>
    public string Folder { get; }

    /// <summary>Every resource and data block.</summary>
    public IReadOnlyList<TerraformBlock> Blocks => blocks;

    /// <summary>Declared variables by name (their block: type, default, validation).</summary>
    public IReadOnlyDictionary<string, JsonElement> Variables => variables;

    /// <summary>Declared locals by name (their expression).</summary>
    public IReadOnlyDictionary<string, JsonElement> Locals => locals;

    /// <summary>Declared outputs by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Outputs => outputs;

    /// <summary>Module calls by name (their arguments, source included).</summary>
    public IReadOnlyDictionary<string, JsonElement> ModuleCalls => moduleCalls;

    /// <summary>Every file of the module with its parsed body.</summary>
    public IReadOnlyList<(string File, JsonElement Body)> Files => files;

    /// <summary>The resources of one type.</summary>
    public IEnumerable<TerraformBlock> Resources(string type) => blocks.Where(b => b.Kind == "resource" && b.Type == type);

    /// <summary>The data sources of one type.</summary>
    public IEnumerable<TerraformBlock> Data(string type) => blocks.Where(b => b.Kind == "data" && b.Type == type);

    /// <summary>
    /// A value with a plain <c>${var.x}</c> or <c>${local.x}</c> (or an attribute of one, <c>${var.x.a}</c>) replaced by
    /// the variable's default or the local's expression, repeatedly; any other expression is returned as it is.
    /// </summary>
    public JsonElement Resolve(JsonElement value)
    {
        for (var hops = 0; hops < 8 && value.ValueKind == JsonValueKind.String; hops++)
        {
            var match = PlainReference().Match(value.GetString()!);
            if (!match.Success)
            {
                break;
            }

            var name = match.Groups[2].Value;
            JsonElement found;
            if (match.Groups[1].Value == "local" && locals.TryGetValue(name, out var local))
            {
                found = local;
            }
            else if (match.Groups[1].Value == "var" && variables.TryGetValue(name, out var variable) && variable.TryGetProperty("default", out var byDefault)
                     && byDefault.ValueKind != JsonValueKind.Null)
            {
                found = byDefault;
            }
            else
            {
                break;
            }

            // var.x.a.b: the attributes of an object default or local.
            foreach (var attribute in match.Groups[3].Captures.Select(c => c.Value))
            {
                if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(attribute, out found))
                {
                    return value;
                }
            }

            value = found;
        }

        return value;
    }

    /// <summary>The variable a value names, when it is exactly <c>${var.x}</c>.</summary>
    public static string? VariableNamed(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && PlainReference().Match(value.GetString()!) is { Success: true } m && m.Groups[1].Value == "var" && m.Groups[3].Captures.Count == 0
            ? m.Groups[2].Value
            : null;

    /// <summary>The smallest value the variable's validation admits, when one reads <c>var.x &gt;= N</c>.</summary>
    public int? ValidatedMinimum(string variable)
    {
        if (!variables.TryGetValue(variable, out var declaration) || !declaration.TryGetProperty("validation", out var validations))
        {
            return null;
        }

        var pattern = new Regex($@"var\.{Regex.Escape(variable)}\s*>=\s*(\d+)");
        return validations.EnumerateArray()
            .Select(v => v.TryGetProperty("condition", out var c) ? pattern.Match(c.GetString() ?? "") : Match.Empty)
            .Where(m => m.Success)
            .Select(m => (int?)int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Max();
    }

    /// <summary>The module's folder.</summary>
    public override string ToString() => Folder;

    private static JsonProperty[] Properties(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? [.. value.EnumerateObject()] : [];

    private static void Collect(JsonElement body, string kind, Dictionary<string, JsonElement> into)
    {
        foreach (var declared in Properties(body, kind))
        {
            into[declared.Name] = declared.Value.EnumerateArray().First();
        }
    }

    [GeneratedRegex(@"^\$\{(var|local)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))*\}$")]
    private static partial Regex PlainReference();
}
