using System.Diagnostics;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaNode.Dashboard.Api;

/// <summary>The caller of an API request, as the engine's authorization and audit need it.</summary>
internal static class ApiCaller
{
    /// <summary>The caller as an <see cref="Actor"/>: user or key, role, app scope, address, trace id.</summary>
    public static Actor ActorOf(HttpContext context) =>
        DashboardClaims.ActorOf(
            context.User,
            context.Connection.RemoteIpAddress?.ToString(),
            Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);

    /// <summary>403 when the caller is a key limited to other apps; null when it may read <paramref name="app"/>.</summary>
    public static ProblemHttpResult? RefuseOtherApp(HttpContext context, string app)
    {
        var actor = ActorOf(context);
        return actor.Covers(app)
            ? null
            : ApiProblems.Problem(StatusCodes.Status403Forbidden, $"{actor.Name} is limited to {string.Join(", ", actor.Apps!)}; {app} is not among them.");
    }
}
