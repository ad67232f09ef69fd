namespace MetaNode.Dashboard.Api;

/// <summary>
/// Reads of one app: a key limited to other apps gets 403 before anything is read, so the answer
/// does not even tell whether the app exists. (Mutations leave this to the engine's gate, which
/// also audits the refusal.)
/// </summary>
internal sealed class AppScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("app", out var value) && value is string app
            && ApiCaller.RefuseOtherApp(context.HttpContext, app) is { } refusal)
        {
            return refusal;
        }

        return await next(context);
    }
}
