using MetaNode.Dashboard.Api.Contracts;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Security;
using MetaNode.Operations.Security.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaNode.Dashboard.Api.Endpoints;

/// <summary>Managing API keys (Admin). The full key is in the creation's answer, and nowhere else ever.</summary>
internal static class ApiKeyEndpoints
{
    /// <summary>What the creation's answer says about the key it carries.</summary>
    public const string ShownOnceNotice = "Store this key now: the dashboard keeps only a hash of it and cannot show it again.";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/api-keys", ListAsync)
            .RequireAuthorization(DashboardPolicies.Admin)
            .WithTags(ApiTags.ApiKeys).WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Every key, newest first, with its scope, expiry, last use and state. Never a secret.");
        v1.MapGet("/api-keys/{id}", GetAsync)
            .RequireAuthorization(DashboardPolicies.Admin)
            .WithTags(ApiTags.ApiKeys).WithName("GetApiKey")
            .WithSummary("Get one API key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/api-keys", CreateAsync)
            .RequireAuthorization(DashboardPolicies.Admin)
            .WithMetadata(new AuditedOperationMetadata("api-key.create", "api keys", DashboardRole.Admin))
            .WithTags(ApiTags.ApiKeys).WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Scope: a role, and optionally a list of apps. Expiry: 1-365 days (default 90). The answer carries the full key, once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapDelete("/api-keys/{id}", RevokeAsync)
            .RequireAuthorization(DashboardPolicies.Admin)
            .WithMetadata(new AuditedOperationMetadata("api-key.revoke", "{id}", DashboardRole.Admin))
            .WithTags(ApiTags.ApiKeys).WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("The key is refused from the next request on; it stays listed as revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<List<ApiKeyInfo>>> ListAsync(ApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(cancellationToken)).ToList());

    private static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> GetAsync(string id, ApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.FindAsync(id, cancellationToken) is { } key
            ? TypedResults.Ok(key)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no API key with id {id}.");

    private static async Task<Created<ApiCreatedKey>> CreateAsync(ApiKeyCreateRequest? body, HttpContext context, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var created = await keys.CreateAsync(
            ApiCaller.ActorOf(context),
            new ApiKeyRequest(body?.Name, body?.Role, body?.Apps, body?.ExpiresInDays),
            cancellationToken);
        return TypedResults.Created($"{DashboardApiPaths.V1}/api-keys/{created.Info.Id}", new ApiCreatedKey(created.Key, created.Info, ShownOnceNotice));
    }

    private static async Task<NoContent> RevokeAsync(string id, HttpContext context, ApiKeyService keys, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(ApiCaller.ActorOf(context), id, cancellationToken);
        return TypedResults.NoContent();
    }
}
