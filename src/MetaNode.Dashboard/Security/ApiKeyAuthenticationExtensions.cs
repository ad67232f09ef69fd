using MetaNode.Dashboard.Api;
using MetaNode.Operations.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication;

namespace MetaNode.Dashboard.Security;

/// <summary>Names of the API-key scheme and its headers.</summary>
public static class ApiKeyAuthenticationDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The header that may carry the key instead of <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The realm named in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "MetaNode";
}

/// <summary>Registers API-key authentication and the automation API it serves.</summary>
internal static class ApiKeyAuthenticationExtensions
{
    /// <summary>
    /// Adds the <c>ApiKey</c> scheme (every dashboard policy accepts it: <see cref="SecurityServices.Schemes"/>), the API key service and
    /// the <c>/api/v1</c> services (OpenAPI document, problem details, JSON, limits). Call it after
    /// <c>AddDashboardSecurity</c> and before the app is built.
    /// </summary>
    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiKeys();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationDefaults.Scheme, displayName: "API key", configureOptions: null);
        builder.Services.AddDashboardApi();
        return builder;
    }
}
