using MetaNode.Operations.Security;

namespace MetaNode.Operations.Audit;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Tried and failed (bad input, a cluster that refused).</summary>
    Failed,

    /// <summary>Refused before anything was tried: the actor lacked the role or the app scope.</summary>
    Denied,
}

/// <summary>One entry of the append-only audit log: who did what, to what, how it ended.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="ActorKind">User, API key, schedule or system.</param>
/// <param name="ActorId">The actor's stable id.</param>
/// <param name="ActorName">The actor's readable name.</param>
/// <param name="Action">What was done, as <c>area.verb</c> (<c>watched-node.add</c>, <c>user.sign-in</c>).</param>
/// <param name="Target">What it was done to (<c>my-app/validator-3</c>, a user name).</param>
/// <param name="App">The app concerned, when there is one.</param>
/// <param name="Parameters">The request's parameters as JSON (never secrets).</param>
/// <param name="Outcome">Succeeded, failed or denied.</param>
/// <param name="Error">Why it failed or was denied.</param>
/// <param name="SourceAddress">The client's address, when known.</param>
/// <param name="CorrelationId">Ties the entry to the request's logs and traces.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    ActorKind ActorKind,
    string ActorId,
    string ActorName,
    string Action,
    string Target,
    string? App,
    string? Parameters,
    AuditOutcome Outcome,
    string? Error,
    string? SourceAddress,
    string CorrelationId)
{
    /// <summary>The entry's id in the store (0 before it is stored).</summary>
    public long Id { get; init; }
}

/// <summary>Filters for reading the audit log; every one is optional.</summary>
public sealed record AuditQuery
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Part of the actor's name (case-insensitive).</summary>
    public string? Actor { get; init; }

    /// <summary>The action, or its area prefix (<c>watched-node</c> matches <c>watched-node.add</c>).</summary>
    public string? Action { get; init; }

    public string? App { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Part of the target, parameters or error (case-insensitive).</summary>
    public string? Text { get; init; }

    /// <summary>Newest entries first, at most this many (1-10,000).</summary>
    public int Limit { get; init; } = 500;
}
