namespace MetaNode.Operations.Security;

/// <summary>
/// What a user or API key may do. Each role includes the ones below it: an Operator can do all a
/// Viewer can, an Admin all an Operator can.
/// </summary>
public enum DashboardRole
{
    /// <summary>Reads everything: health, findings, topology, audit.</summary>
    Viewer = 1,

    /// <summary>Operates clusters within the guardrails: scaling, maintenance, chaos, watched nodes.</summary>
    Operator = 2,

    /// <summary>Overrides guardrails; manages users, API keys, display tokens, channels and settings.</summary>
    Admin = 3,
}

/// <summary>Role names as claims and policies carry them.</summary>
public static class DashboardRoles
{
    public const string Viewer = nameof(DashboardRole.Viewer);

    public const string Operator = nameof(DashboardRole.Operator);

    public const string Admin = nameof(DashboardRole.Admin);

    /// <summary>Every role, weakest first.</summary>
    public static IReadOnlyList<DashboardRole> All { get; } = [DashboardRole.Viewer, DashboardRole.Operator, DashboardRole.Admin];

    /// <summary>The role names that satisfy <paramref name="needed"/> (it and every stronger role).</summary>
    public static string[] AtLeast(DashboardRole needed) => [.. All.Where(r => r >= needed).Select(r => r.ToString())];

    /// <summary>Parses a role name (any case); null for anything else.</summary>
    public static DashboardRole? Parse(string? name) =>
        Enum.TryParse<DashboardRole>(name, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : null;
}
