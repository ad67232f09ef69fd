using System.Text.Json.Serialization;
using MetaNode.Dashboard.Api.Endpoints;
using MetaNode.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// The automation API at <c>/api/v1</c>: JSON (camelCase, enums as strings), problem details for
/// every error, a 64 KB body limit, each endpoint behind an explicit policy, and an OpenAPI
/// document at <c>/openapi/v1.json</c>.
/// </summary>
internal static class DashboardApi
{
    /// <summary>The largest request body the API reads.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>JSON, problem details, the OpenAPI document, API refusals and the rate limiter's 429.</summary>
    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddOpenApi(ApiOpenApi.DocumentName, ApiOpenApi.Configure);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddSingleton<IStartupFilter, ApiStatusProblems.StartupFilter>();
        services.AddSingleton<IPostConfigureOptions<RateLimiterOptions>, ApiStatusProblems.RateLimiterSetup>();
        return services;
    }

    /// <summary>Maps <c>/api/v1</c> and the OpenAPI document.</summary>
    public static WebApplication Map(WebApplication app)
    {
        var v1 = app.MapGroup(DashboardApiPaths.V1)
            .AddEndpointFilter<ApiErrorFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        AppEndpoints.Map(v1);
        TopologyEndpoints.Map(v1);
        WatchedNodeEndpoints.Map(v1);
        AuditEndpoints.Map(v1);
        ApiKeyEndpoints.Map(v1);

        app.MapOpenApi(DashboardApiPaths.OpenApiDocument.Replace(ApiOpenApi.DocumentName, "{documentName}", StringComparison.Ordinal))
            .RequireAuthorization(DashboardPolicies.Viewer);
        return app;
    }
}
