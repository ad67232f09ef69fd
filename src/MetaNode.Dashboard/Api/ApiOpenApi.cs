using System.Text.Json.Nodes;
using MetaNode.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// What the generated OpenAPI document says beyond the endpoints themselves: the title, the
/// bearer-key security scheme, tag descriptions, and each operation's required role (in its
/// description and as <c>x-metanode-role</c>).
/// </summary>
internal static class ApiOpenApi
{
    /// <summary>The document's name (<c>/openapi/v1.json</c>).</summary>
    public const string DocumentName = "v1";

    /// <summary>The extension that carries an operation's required role.</summary>
    public const string RoleExtension = "x-metanode-role";

    private const string BearerScheme = "ApiKey";
    private const string HeaderScheme = "ApiKeyHeader";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer(DescribeDocumentAsync);
        options.AddOperationTransformer(DescribeOperationAsync);
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MetaNode Dashboard API",
            Version = DocumentName,
            Description = "Automation API of the MetaNode Dashboard: apps, nodes, health history, findings, watched nodes, audit and API keys. " +
                "Authenticate with an API key created by an Admin (Admin → API keys): 'Authorization: Bearer mnk_…' or 'X-Api-Key: mnk_…'. " +
                "Errors are RFC 7807 problem details; enums are strings; times are ISO-8601.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "mnk_{id}_{secret}",
            Description = "An API key: 'Authorization: Bearer mnk_…'. Keys carry a role and may be limited to some apps.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationDefaults.HeaderName,
            Description = $"The same API key in the '{ApiKeyAuthenticationDefaults.HeaderName}' header.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
        ];
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in ApiTags.All)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policy = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy;
        if (policy is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            operation.Extensions[RoleExtension] = new JsonNodeExtension(JsonValue.Create(policy));
            var role = $"Requires the {policy} role or a stronger one.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? role : $"{operation.Description} {role}";
        }

        return Task.CompletedTask;
    }
}
