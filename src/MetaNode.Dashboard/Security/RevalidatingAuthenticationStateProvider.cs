using System.Security.Claims;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Security;

/// <summary>
/// Re-checks the user behind every open page at <c>Dashboard:Security:RevalidationInterval</c>: a
/// deleted or locked account, a changed security stamp (password or roles changed) or different
/// roles end the page's sign-in, so a demoted Operator cannot keep operating from an old tab.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggers,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<DashboardOptions> options) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.Security.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (principal.FindFirst(DashboardClaims.ActorKind) is not null)
        {
            return true; // API keys are checked on every request, not here
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return false;
        }

        var roles = await users.GetRolesAsync(user);
        var claimed = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        return roles.Order(StringComparer.Ordinal).SequenceEqual(claimed);
    }
}
