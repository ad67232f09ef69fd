using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>
/// The official Kubernetes OpenAPI v3 schemas vendored under <c>schemas/</c> (README there), as JSON
/// Schemas per kind. Made strict the way <c>kubectl --validate=strict</c> is: an object schema
/// that lists its properties rejects any other, so a misspelt or misplaced field fails.
/// </summary>
internal sealed class KubernetesSchemas
{
    private const string OpenApiPrefix = "#/components/schemas/";
    private readonly Dictionary<string, JsonSchema> _byKind;

    private KubernetesSchemas(Dictionary<string, JsonSchema> byKind) => _byKind = byKind;

    /// <summary>The vendored schemas, from the test's output folder.</summary>
    public static KubernetesSchemas Vendored { get; } = Load(Path.Combine(AppContext.BaseDirectory, "Topology", "Generators", "schemas"));

    /// <summary>The kinds there are schemas for (<c>apps/v1 StatefulSet</c>).</summary>
    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>Validates one object against the schema of its apiVersion and kind; the errors, empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode instance)
    {
        var key = $"{instance["apiVersion"]} {instance["kind"]}";
        if (!_byKind.TryGetValue(key, out var schema))
        {
            return [$"no vendored schema for {key}"];
        }

        using var document = JsonDocument.Parse(instance.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    private static KubernetesSchemas Load(string folder)
    {
        var byKind = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var schemas = JsonNode.Parse(File.ReadAllText(file))!["components"]!["schemas"]!.AsObject();
            foreach (var (name, definition) in schemas)
            {
                if (definition?["x-kubernetes-group-version-kind"] is not JsonArray kinds)
                {
                    continue;
                }

                foreach (var gvk in kinds)
                {
                    var group = (string?)gvk!["group"];
                    var apiVersion = string.IsNullOrEmpty(group) ? (string)gvk["version"]! : $"{group}/{gvk["version"]}";
                    byKind[$"{apiVersion} {gvk["kind"]}"] = Build(name, schemas);
                }
            }
        }

        return new KubernetesSchemas(byKind);
    }

    /// <summary>A 2020-12 schema whose root is <paramref name="root"/>, with every definition of its file under <c>$defs</c>.</summary>
    private static JsonSchema Build(string root, JsonObject schemas)
    {
        var definitions = new JsonObject();
        foreach (var (name, definition) in schemas)
        {
            definitions[name] = Strict(definition!.DeepClone());
        }

        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://schemas.metanode.test/{root}",
            ["$ref"] = $"#/$defs/{root}",
            ["$defs"] = definitions,
        };
        return JsonSchema.FromText(document.ToJsonString());
    }

    /// <summary>OpenAPI references as JSON Schema ones, and no properties beyond the listed ones.</summary>
    private static JsonNode Strict(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && ((string?)reference)!.StartsWith(OpenApiPrefix, StringComparison.Ordinal))
                    {
                        obj[key] = "#/$defs/" + ((string)reference!)[OpenApiPrefix.Length..];
                    }
                    else if (key == "properties" && value is JsonObject properties)
                    {
                        foreach (var (_, property) in properties)
                        {
                            Strict(property!);
                        }
                    }
                    else if (value is not null && !key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Strict(value);
                    }
                }

                if (obj.ContainsKey("properties") && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Strict(item);
                    }
                }

                break;
        }

        return node;
    }
}
