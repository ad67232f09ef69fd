using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// How refusals by a policy are answered. On the API: 401 and 403 as problem details with a
/// sentence (and the reason a key was refused), and a refused mutation written to the audit log
/// as denied. Everywhere else: the framework's behaviour (redirects to the sign-in and denied pages).
/// </summary>
internal sealed class ApiAuthorizationResultHandler(OperationGate gate) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var path = context.Request.Path;
        if (authorizeResult.Succeeded || !DashboardApiPaths.IsApi(path))
        {
            if (authorizeResult.Challenged && IsReferencePage(path) && context.User.Identity?.IsAuthenticated != true)
            {
                // The reference page lives at /api, which the sign-in cookie treats as a machine path
                // (a bare 401); people reading it in a browser belong on the sign-in page.
                context.Response.Redirect("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
                return;
            }

            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            foreach (var scheme in policy.AuthenticationSchemes)
            {
                await context.ChallengeAsync(scheme);
            }

            await ApiProblems.WriteAsync(context, ApiProblems.Problem(
                StatusCodes.Status401Unauthorized,
                ApiKeyAuthenticationHandler.FailureOf(context)
                    ?? $"Send an API key as 'Authorization: Bearer mnk_…' (or '{ApiKeyAuthenticationDefaults.HeaderName}: mnk_…'), or sign in to the dashboard."));
            return;
        }

        var actor = ApiCaller.ActorOf(context);
        var required = RequiredRole(policy);
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<AuditedOperationMetadata>();
        var denial = $"{operation?.Action ?? context.Request.Method + " " + path} needs the {required?.ToString() ?? "right"} role; {actor.Name} is {actor.Role?.ToString() ?? "without a role"}.";
        if (operation is not null)
        {
            var app = context.Request.RouteValues.TryGetValue("app", out var value) ? value as string : null;
            await gate.RecordAsync(actor, new OperationRequest(operation.Action, operation.TargetOf(context), operation.Required, app), AuditOutcome.Denied, denial);
        }

        await ApiProblems.WriteAsync(context, ApiProblems.Problem(StatusCodes.Status403Forbidden, denial));
    }

    private static bool IsReferencePage(PathString path) =>
        path.Equals("/api", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The weakest dashboard role the policy admits.</summary>
    private static DashboardRole? RequiredRole(AuthorizationPolicy policy) =>
        policy.Requirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles)
            .Select(DashboardRoles.Parse)
            .Where(r => r is not null)
            .Min();
}
