using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Authorization;

namespace MetaNode.Dashboard.Security;

/// <summary>Authorization policies, one per role; each admits that role and every stronger one.</summary>
public static class DashboardPolicies
{
    public const string Viewer = DashboardRoles.Viewer;

    public const string Operator = DashboardRoles.Operator;

    public const string Admin = DashboardRoles.Admin;

    /// <summary>A policy admitting <paramref name="role"/> and stronger roles, from any of <paramref name="schemes"/>.</summary>
    public static AuthorizationPolicy For(DashboardRole role, IReadOnlyList<string> schemes) =>
        new AuthorizationPolicyBuilder([.. schemes])
            .RequireAuthenticatedUser()
            .RequireRole(DashboardRoles.AtLeast(role))
            .Build();
}
