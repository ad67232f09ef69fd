using MetaNode.Dashboard.Api;

namespace MetaNode.Dashboard.Hosting;

/// <summary>The API's entry point for the pipeline, in the namespace where the pipeline is composed.</summary>
internal static class DashboardApiHosting
{
    /// <summary>Maps <c>/api/v1</c> and <c>/openapi/v1.json</c> (call after the account endpoints).</summary>
    public static WebApplication MapDashboardApi(this WebApplication app) => DashboardApi.Map(app);
}
