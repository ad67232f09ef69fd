namespace MetaNode.Operations.Security;

/// <summary>Who acts: a signed-in user, an API key, a schedule, or the dashboard itself.</summary>
public enum ActorKind
{
    User,
    ApiKey,
    Schedule,
    System,
}

/// <summary>
/// The one who asks for an operation, with what the engine needs to authorize and audit it. Every
/// mutating service takes an <see cref="Actor"/>: a page hiding a button is not authorization.
/// </summary>
/// <param name="Kind">User, API key, schedule or system.</param>
/// <param name="Id">Stable id (user id, key id, schedule id).</param>
/// <param name="Name">What people read in the audit log (user name, key name).</param>
/// <param name="Role">The strongest role it holds; null when it holds none.</param>
/// <param name="Apps">For API keys scoped to apps: those apps; null means every app.</param>
/// <param name="SourceAddress">Where the request came from (client IP), when known.</param>
/// <param name="CorrelationId">Ties the audit entry to logs and traces of the same request.</param>
public sealed record Actor(
    ActorKind Kind,
    string Id,
    string Name,
    DashboardRole? Role,
    IReadOnlyList<string>? Apps,
    string? SourceAddress,
    string CorrelationId)
{
    /// <summary>The dashboard acting on its own (start-up, retention), with every right.</summary>
    public static Actor System(string what) => new(ActorKind.System, "system", what, DashboardRole.Admin, null, null, Guid.NewGuid().ToString("N"));

    /// <summary>True when the actor holds <paramref name="needed"/> or a stronger role.</summary>
    public bool Holds(DashboardRole needed) => Role is { } role && role >= needed;

    /// <summary>True when the actor may act on <paramref name="app"/> (always, unless scoped to other apps).</summary>
    public bool Covers(string? app) => Apps is null || app is null || Apps.Contains(app, StringComparer.Ordinal);
}
