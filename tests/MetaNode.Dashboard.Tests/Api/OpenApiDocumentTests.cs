using System.Net;
using System.Text.Json;
using MetaNode.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>The OpenAPI document describes every /api/v1 endpoint the running app maps.</summary>
public sealed class OpenApiDocumentTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private static readonly string[] Policies = [DashboardPolicies.Viewer, DashboardPolicies.Operator, DashboardPolicies.Admin];

    /// <summary>Every /api/v1 endpoint of the running app, as (METHOD, path, policy).</summary>
    private List<(string Method, string Path, string? Policy)> MappedEndpoints() =>
        [.. ((IEndpointRouteBuilder)api.Host.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                method,
                // OpenAPI paths carry no route constraints: {version:int} is documented as {version}.
                System.Text.RegularExpressions.Regex.Replace("/" + e.RoutePattern.RawText!.Trim('/'), @"\{(\w+):[^}]+\}", "{$1}"),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy)))];

    [Fact]
    public async Task Document_Viewer_ListsEveryMappedApiEndpoint()
    {
        var mapped = MappedEndpoints();

        var document = await (await api.Viewer.GetPathAsync("/openapi/v1.json")).JsonAsync();

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (operation.Name.ToUpperInvariant(), path.Name)))
            .ToHashSet();
        Assert.True(mapped.Count >= 13, $"found only {mapped.Count} mapped endpoints");
        Assert.All(mapped, endpoint => Assert.Contains((endpoint.Method, endpoint.Path), documented));
        Assert.Equal(mapped.Count, documented.Count);
    }

    [Fact]
    public void ApiEndpoints_EachDeclaresADashboardPolicy()
    {
        Assert.All(MappedEndpoints(), endpoint => Assert.Contains(endpoint.Policy, Policies));
    }

    [Fact]
    public async Task Document_Operations_HaveTagSummaryRoleAndProblemResponses()
    {
        var mapped = MappedEndpoints();
        var document = await (await api.Viewer.GetPathAsync("/openapi/v1.json")).JsonAsync();

        foreach (var (method, path, policy) in mapped)
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
            Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.Equal(policy, operation.GetProperty("x-metanode-role").GetString());
            Assert.Contains($"Requires the {policy} role", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} documents no 401");
            Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _), $"{method} {path} documents no 403");
        }
    }

    [Fact]
    public async Task Document_DeclaresTheBearerKeySchemeForEveryOperation()
    {
        var document = await (await api.Viewer.GetPathAsync("/openapi/v1.json")).JsonAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("ApiKey", out _));
        Assert.Equal("MetaNode Dashboard API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Document_EnumsAreStrings()
    {
        var document = await (await api.Viewer.GetPathAsync("/openapi/v1.json")).JsonAsync();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var status = schemas.GetProperty("NodeStatus");
        Assert.Equal(["Unknown", "Up", "Degraded", "Down"], status.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList());
    }

    [Fact]
    public async Task Document_Anonymous_Is401AndViewerKeyReadsIt()
    {
        using var anonymous = await api.Anonymous().GetPathAsync("/openapi/v1.json");
        using var withKey = await api.KeyClient(await api.CreateKeyAsync("doc-reader", Operations.Security.DashboardRole.Viewer)).GetPathAsync("/openapi/v1.json");

        await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await withKey.JsonAsync()).GetProperty("paths").ValueKind);
    }
}
