using System.Diagnostics;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MetaNode.Dashboard.Security;

/// <summary>Account actions that are plain form posts (the pages themselves are components).</summary>
internal static class AccountEndpoints
{
    /// <summary>Maps <c>POST /account/sign-out</c> (antiforgery-checked form post).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", SignOutAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext context,
        [FromForm] string? returnUrl,
        SignInManager<DashboardUser> signIn,
        OperationGate gate)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var actor = DashboardClaims.ActorOf(context.User, context.Connection.RemoteIpAddress?.ToString(), Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            await signIn.SignOutAsync();
            await gate.RecordAsync(actor, new OperationRequest("user.sign-out", actor.Name, DashboardRole.Viewer), AuditOutcome.Succeeded, null);
        }

        return TypedResults.LocalRedirect("~/account/sign-in" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
    }
}
