using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using MetaNode.Dashboard.Components.Account;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Security.SingleSignOn;

/// <summary>
/// Finishes a single sign-on: reads what the provider said (the external cookie), maps its roles,
/// finds or creates the dashboard user linked to the provider's subject, gives that user the mapped
/// role, signs it in with the application cookie and writes one audit entry.
/// </summary>
/// <remarks>
/// An account is only ever found through its link (AspNetUserLogins: provider + subject), never by
/// a matching user name or e-mail: a provider account cannot take over a local one. The provider is
/// the source of truth for the role: it is set again on every sign-in, and a user whose provider
/// roles no longer map loses every dashboard role (open pages end at their next re-validation).
/// </remarks>
internal sealed partial class ExternalSignIn(
    UserManager<DashboardUser> users,
    SignInManager<DashboardUser> signIn,
    OperationGate gate,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<ExternalSignIn> logger)
{
    /// <summary>The OpenID Connect claim with the provider's stable id of the user.</summary>
    public const string SubjectClaim = "sub";

    private const int MaxUserNameLength = 64;

    /// <summary>Handles <c>GET /account/external-callback</c>: signs in and redirects to the local <paramref name="returnUrl"/>.</summary>
    public async Task<IResult> CompleteAsync(HttpContext context, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        var back = SignIn.SafeReturnUrl(returnUrl);
        var sso = options.Value.Security.OpenIdConnect;

        // The external cookie is read once: whatever happens next, it is gone.
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal.FindFirstValue(SubjectClaim) is not { Length: > 0 } subject)
        {
            return Refuse(ExternalSignInProblem.Expired, back);
        }

        var principal = external.Principal;
        var providerRoles = SingleSignOnRoles.ProviderRoles(principal, sso.RoleClaim);
        var role = SingleSignOnRoles.Map(providerRoles, sso.RoleMap, sso.DefaultRole);
        var user = await users.FindByLoginAsync(SingleSignOnServices.Scheme, subject);
        var name = user?.UserName ?? ProposedUserName(principal, subject);
        var source = context.Connection.RemoteIpAddress?.ToString();
        var correlation = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

        if (role is null)
        {
            if (user is not null)
            {
                await SetRolesAsync(user, []);
            }

            var mapped = providerRoles.Count == 0 ? "no roles" : string.Join(", ", providerRoles);
            await gate.RecordAsync(
                new Actor(ActorKind.User, user?.Id ?? subject, name, null, null, source, correlation),
                new OperationRequest("user.sign-in", name, DashboardRole.Viewer, Parameters: new { provider = sso.DisplayName, providerRoles }),
                AuditOutcome.Denied,
                $"the provider's {sso.RoleClaim} ({mapped}) map to no dashboard role and Dashboard:Security:OpenIdConnect:DefaultRole is empty");
            LogNoRole(logger, name);
            return Refuse(ExternalSignInProblem.NoRole, back);
        }

        if (user is not null && await users.IsLockedOutAsync(user))
        {
            await gate.RecordAsync(
                new Actor(ActorKind.User, user.Id, name, role, null, source, correlation),
                new OperationRequest("user.sign-in", name, DashboardRole.Viewer, Parameters: new { provider = sso.DisplayName }),
                AuditOutcome.Denied,
                "locked out");
            return Refuse(ExternalSignInProblem.Locked, back);
        }

        var created = user is null;
        if (user is null)
        {
            (user, var error) = await CreateAsync(principal, subject, sso.DisplayName);
            if (user is null)
            {
                await gate.RecordAsync(
                    new Actor(ActorKind.User, subject, name, role, null, source, correlation),
                    new OperationRequest("user.sign-in", name, DashboardRole.Viewer, Parameters: new { provider = sso.DisplayName }),
                    AuditOutcome.Failed,
                    error);
                return Refuse(ExternalSignInProblem.Failed, back);
            }

            name = user.UserName!;
        }

        var previous = await SetRolesAsync(user, [role.Value]);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: SingleSignOnServices.Scheme);
        await gate.RecordAsync(
            new Actor(ActorKind.User, user.Id, name, role, null, source, correlation),
            new OperationRequest(
                "user.sign-in",
                name,
                DashboardRole.Viewer,
                Parameters: new { provider = sso.DisplayName, role = role.Value.ToString(), previousRole = previous?.ToString(), created, providerRoles }),
            AuditOutcome.Succeeded,
            null);
        return TypedResults.LocalRedirect(back);
    }

    /// <summary>
    /// A user name from the provider's <c>preferred_username</c>, <c>email</c>, <c>name</c> or
    /// <c>sub</c> (the first present), reduced to the characters user names allow.
    /// </summary>
    internal static string ProposedUserName(ClaimsPrincipal principal, string subject)
    {
        var raw = new[] { "preferred_username", "email", "name" }
            .Select(principal.FindFirstValue)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? subject;
        var name = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@' or '+';
            if (allowed)
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }

        var result = name.ToString().Trim('-');
        result = result.Length > MaxUserNameLength ? result[..MaxUserNameLength] : result;
        return result.Length == 0 ? "sso-user" : result;
    }

    /// <summary>Creates the user under the first free name (<c>alice</c>, <c>alice-2</c>, …) and links it to the provider's subject.</summary>
    private async Task<(DashboardUser? User, string? Error)> CreateAsync(ClaimsPrincipal principal, string subject, string providerName)
    {
        var proposed = ProposedUserName(principal, subject);
        var userName = proposed;
        for (var n = 2; await users.FindByNameAsync(userName) is not null; n++)
        {
            userName = string.Create(CultureInfo.InvariantCulture, $"{proposed}-{n}");
        }

        var user = new DashboardUser
        {
            UserName = userName,
            ExternalProvider = providerName,
            CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var linked = await users.AddLoginAsync(user, new UserLoginInfo(SingleSignOnServices.Scheme, subject, providerName));
        if (!linked.Succeeded)
        {
            await users.DeleteAsync(user);
            return (null, string.Join(" ", linked.Errors.Select(e => e.Description)));
        }

        LogCreated(logger, userName, providerName);
        return (user, null);
    }

    /// <summary>
    /// Gives <paramref name="user"/> exactly <paramref name="roles"/>; when that changes anything, a
    /// new security stamp ends the user's other sessions. Returns the strongest role it had before.
    /// </summary>
    private async Task<DashboardRole?> SetRolesAsync(DashboardUser user, IReadOnlyList<DashboardRole> roles)
    {
        var current = await users.GetRolesAsync(user);
        var previous = current.Select(DashboardRoles.Parse).Max();
        var wanted = roles.Select(r => r.ToString()).ToList();
        if (current.Order(StringComparer.Ordinal).SequenceEqual(wanted.Order(StringComparer.Ordinal)))
        {
            return previous;
        }

        Check(await users.RemoveFromRolesAsync(user, current));
        if (wanted.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, wanted));
        }

        Check(await users.UpdateSecurityStampAsync(user));
        LogRoleChanged(logger, user.UserName!, previous?.ToString() ?? "none", wanted.Count == 0 ? "none" : string.Join(", ", wanted));
        return previous;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static RedirectHttpResult Refuse(string problem, string returnUrl) =>
        TypedResults.LocalRedirect($"~/account/sign-in?{ExternalSignInProblem.QueryName}={problem}"
            + (returnUrl == "/" ? string.Empty : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {UserName} for its first sign-in through {Provider}")]
    private static partial void LogCreated(ILogger logger, string userName, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on changed the roles of {UserName} from {Previous} to {Current}")]
    private static partial void LogRoleChanged(ILogger logger, string userName, string previous, string current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused single sign-on of {UserName}: no provider role maps to a dashboard role")]
    private static partial void LogNoRole(ILogger logger, string userName);
}
