namespace MetaNode.Dashboard.Api;

/// <summary>Which requests belong to the automation API (and so get problem details, never pages).</summary>
internal static class DashboardApiPaths
{
    /// <summary>The version-1 API's base path.</summary>
    public const string V1 = "/api/v1";

    /// <summary>The OpenAPI document's path.</summary>
    public const string OpenApiDocument = "/openapi/v1.json";

    /// <summary>
    /// True for <c>/api/…</c> and the OpenAPI document; false for <c>/api</c> itself, which is the
    /// reference page people read in the browser.
    /// </summary>
    public static bool IsApi(PathString path) =>
        (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue && rest.Value != "/")
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}
