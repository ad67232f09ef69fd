using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace MetaNode.Dashboard.Api.Reference;

/// <summary>The API reference page's content, read from the generated OpenAPI document.</summary>
/// <param name="Title">The document's title.</param>
/// <param name="Description">What the API is and how to authenticate.</param>
/// <param name="Tags">Operations grouped by tag, in the order of <see cref="ApiTags.All"/>.</param>
public sealed record ApiReferenceModel(string Title, string? Description, ImmutableArray<ApiReferenceTag> Tags)
{
    /// <summary>The header every example sends.</summary>
    public const string AuthorizationHeader = "Authorization: Bearer $METANODE_API_KEY";

    /// <summary>Builds the page's content from <paramref name="document"/>; examples address <paramref name="baseUri"/>.</summary>
    public static ApiReferenceModel From(OpenApiDocument document, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(baseUri);
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var operations = new List<(string Tag, ApiReferenceOperation Operation)>();
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "Other";
                operations.Add((tag, Operation(method.Method, path, operation, item, baseUri, schemas)));
            }
        }

        var descriptions = (document.Tags ?? new HashSet<OpenApiTag>()).ToDictionary(t => t.Name ?? string.Empty, t => t.Description, StringComparer.Ordinal);
        var order = ApiTags.All.Select(t => t.Name).ToList();
        var tags = operations
            .GroupBy(o => o.Tag, StringComparer.Ordinal)
            .OrderBy(g => order.IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ApiReferenceTag(
                g.Key,
                descriptions.GetValueOrDefault(g.Key),
                [.. g.Select(o => o.Operation).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => MethodOrder(o.Method))]))
            .ToImmutableArray();
        return new ApiReferenceModel(document.Info?.Title ?? "API", document.Info?.Description, tags);
    }

    private static ApiReferenceOperation Operation(string method, string path, OpenApiOperation operation, IOpenApiPathItem item, Uri baseUri, IDictionary<string, IOpenApiSchema> schemas)
    {
        var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? [])
            .Select(p => new ApiReferenceField(p.Name ?? string.Empty, p.In?.ToString().ToLowerInvariant() ?? "query", p.Required, TypeOf(p.Schema), p.Description ?? p.Schema?.Description))
            .ToImmutableArray();
        var body = operation.RequestBody?.Content?.FirstOrDefault() is { Key: var contentType, Value.Schema: { } declared }
            && WithoutNull(declared) is var schema
            ? new ApiReferenceBody(contentType, operation.RequestBody.Required, TypeOf(schema), Fields(Resolve(schema, schemas)), Example(Resolve(schema, schemas)))
            : null;
        var responses = (operation.Responses ?? [])
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new ApiReferenceResponse(
                r.Key,
                string.IsNullOrEmpty(r.Value.Description) ? StatusText(r.Key) : r.Value.Description,
                r.Value.Content?.FirstOrDefault() is { Value.Schema: { } responseSchema } content ? $"{TypeOf(WithoutNull(responseSchema))} ({content.Key})" : null))
            .ToImmutableArray();
        var role = operation.Extensions?.TryGetValue(ApiOpenApi.RoleExtension, out var extension) == true && extension is JsonNodeExtension { Node: JsonValue value }
            ? value.GetValue<string>()
            : null;
        return new ApiReferenceOperation(
            method.ToUpperInvariant(),
            path,
            operation.Summary,
            operation.Description,
            role,
            parameters,
            body,
            responses,
            Curl(method.ToUpperInvariant(), path, body, baseUri),
            Anchor(method, path));
    }

    /// <summary>A one-line type: <c>string</c>, <c>integer (int32)</c>, <c>ApiApp[]</c>, <c>Viewer | Operator | Admin</c>.</summary>
    private static string TypeOf(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return "any";
        }

        if (schema is OpenApiSchemaReference reference && reference.Reference?.Id is { } id)
        {
            return reference.Target?.Enum is { Count: > 0 } values ? EnumText(values) : id;
        }

        if (schema.Enum is { Count: > 0 } choices)
        {
            return EnumText(choices);
        }

        var type = schema.Type ?? default;
        var nullable = type.HasFlag(JsonSchemaType.Null);
        var text = (type & ~JsonSchemaType.Null) switch
        {
            JsonSchemaType.Array => TypeOf(schema.Items) + "[]",
            JsonSchemaType.Object when schema.AdditionalProperties is { } values => $"map of {TypeOf(values)}",
            JsonSchemaType.Object => "object",
            JsonSchemaType.String => schema.Format is { } format ? $"string ({format})" : "string",
            JsonSchemaType.Integer => schema.Format is { } format ? $"integer ({format})" : "integer",
            JsonSchemaType.Number => schema.Format is { } format ? $"number ({format})" : "number",
            JsonSchemaType.Boolean => "boolean",
            0 when schema.OneOf is { Count: > 0 } alternatives => string.Join(" | ", alternatives.Select(TypeOf)),
            0 when schema.AnyOf is { Count: > 0 } alternatives => string.Join(" | ", alternatives.Select(TypeOf)),
            _ => "any",
        };
        return nullable ? text + " | null" : text;
    }

    /// <summary>The schema a reference points to (looked up in the document's components when unresolved).</summary>
    private static IOpenApiSchema? Resolve(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> schemas) =>
        schema is OpenApiSchemaReference reference
            ? reference.Target ?? (reference.Reference?.Id is { } id && schemas.TryGetValue(id, out var target) ? target : null)
            : schema;

    /// <summary>A nullable body (<c>oneOf: [null, X]</c>) as X.</summary>
    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema) =>
        schema.OneOf is { Count: > 0 } alternatives && alternatives.Where(a => a.Type != JsonSchemaType.Null).ToList() is [var only]
            ? only
            : schema;

    private static ImmutableArray<ApiReferenceField> Fields(IOpenApiSchema? resolved)
    {
        var required = resolved?.Required ?? new HashSet<string>();
        return [.. (resolved?.Properties ?? new Dictionary<string, IOpenApiSchema>())
            .Select(p => new ApiReferenceField(p.Key, "body", required.Contains(p.Key), TypeOf(p.Value), p.Value.Description))];
    }

    /// <summary>A JSON body with a placeholder per field, for the example.</summary>
    private static string Example(IOpenApiSchema? resolved)
    {
        var body = new JsonObject();
        foreach (var (name, property) in resolved?.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            // ASP.NET Core describes numbers as "integer | string" (it also reads them quoted): a number wins.
            var type = property.Type ?? default;
            body[name] = type switch
            {
                _ when type.HasFlag(JsonSchemaType.Array) => new JsonArray(),
                _ when type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number) => 0,
                _ when type.HasFlag(JsonSchemaType.Boolean) => false,
                _ => "…",
            };
        }

        // The page HTML-encodes it; the example must read as typed, "…" and not "\u2026".
        return body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Curl(string method, string path, ApiReferenceBody? body, Uri baseUri)
    {
        var curl = new StringBuilder("curl");
        if (method != "GET")
        {
            curl.Append(" -X ").Append(method);
        }

        curl.Append(" -H \"").Append(AuthorizationHeader).Append('"');
        if (body is not null)
        {
            curl.Append(" -H \"Content-Type: ").Append(body.ContentType).Append("\" -d '").Append(body.Example).Append('\'');
        }

        return curl.Append(" \"").Append(new Uri(baseUri, path.TrimStart('/'))).Append('"').ToString();
    }

    private static string EnumText(IList<JsonNode> values) => string.Join(" | ", values.Select(v => v.ToString()));

    private static int MethodOrder(string method) => Array.IndexOf(["GET", "POST", "PUT", "PATCH", "DELETE"], method);

    private static string StatusText(string status) =>
        int.TryParse(status, out var code) ? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code) : status;

    private static string Anchor(string method, string path) =>
        (method + path).ToLowerInvariant().Replace("/", "-", StringComparison.Ordinal).Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);
}

/// <summary>Operations of one tag.</summary>
public sealed record ApiReferenceTag(string Name, string? Description, ImmutableArray<ApiReferenceOperation> Operations);

/// <summary>One operation: method, path, what it does, who may call it, what it takes and answers.</summary>
/// <param name="Method">GET, POST, DELETE, …</param>
/// <param name="Path">The path template (<c>/api/v1/apps/{app}</c>).</param>
/// <param name="Summary">One line.</param>
/// <param name="Description">More, including the required role.</param>
/// <param name="Role">The weakest role allowed.</param>
/// <param name="Parameters">Path and query parameters.</param>
/// <param name="Body">The request body, when there is one.</param>
/// <param name="Responses">Status codes and what they carry.</param>
/// <param name="Curl">An example call with the API key from <c>$METANODE_API_KEY</c>.</param>
/// <param name="Anchor">The element id to link to.</param>
public sealed record ApiReferenceOperation(
    string Method,
    string Path,
    string? Summary,
    string? Description,
    string? Role,
    ImmutableArray<ApiReferenceField> Parameters,
    ApiReferenceBody? Body,
    ImmutableArray<ApiReferenceResponse> Responses,
    string Curl,
    string Anchor);

/// <summary>A parameter or a body field.</summary>
/// <param name="Name">Its name.</param>
/// <param name="In">path, query, header or body.</param>
/// <param name="Required">True when it must be given.</param>
/// <param name="Type">Its type in one line.</param>
/// <param name="Description">What it means.</param>
public sealed record ApiReferenceField(string Name, string In, bool Required, string Type, string? Description);

/// <summary>A request body.</summary>
/// <param name="ContentType">Its media type.</param>
/// <param name="Required">True when it must be sent.</param>
/// <param name="Type">Its schema's name.</param>
/// <param name="Fields">Its top-level fields.</param>
/// <param name="Example">A JSON body with a placeholder per field.</param>
public sealed record ApiReferenceBody(string ContentType, bool Required, string Type, ImmutableArray<ApiReferenceField> Fields, string Example);

/// <summary>A response: status, description and the schema it carries.</summary>
public sealed record ApiReferenceResponse(string Status, string Description, string? Schema);
