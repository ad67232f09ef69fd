using System.Security.Claims;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Security;

/// <summary>The claims the dashboard puts on principals, and how to read an <see cref="Actor"/> off one.</summary>
public static class DashboardClaims
{
    /// <summary>"ApiKey" on principals an API key authenticated.</summary>
    public const string ActorKind = "metanode:actor";

    /// <summary>One claim per app an API key is limited to.</summary>
    public const string App = "metanode:app";

    /// <summary>The strongest dashboard role in <paramref name="user"/>'s role claims.</summary>
    public static DashboardRole? RoleOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(ClaimTypes.Role).Select(c => DashboardRoles.Parse(c.Value)).Where(r => r is not null).Max();
    }

    /// <summary>The actor behind <paramref name="user"/>, for authorization and audit in the engine.</summary>
    public static Actor ActorOf(ClaimsPrincipal user, string? sourceAddress, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var kind = user.FindFirst(ActorKind)?.Value == nameof(Operations.Security.ActorKind.ApiKey)
            ? Operations.Security.ActorKind.ApiKey
            : Operations.Security.ActorKind.User;
        var apps = user.FindAll(App).Select(c => c.Value).ToList();
        return new Actor(
            kind,
            user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous",
            user.Identity?.Name ?? "anonymous",
            user.Identity?.IsAuthenticated == true ? RoleOf(user) : null,
            apps.Count == 0 ? null : apps,
            sourceAddress,
            correlationId);
    }
}
