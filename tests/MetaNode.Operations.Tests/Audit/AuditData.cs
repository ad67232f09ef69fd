using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;

namespace MetaNode.Operations.Tests.Audit;

/// <summary>Audit entries for tests.</summary>
internal static class AuditData
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static AuditEntry Entry(
        int minute,
        string actor = "alice",
        string action = "watched-node.add",
        string target = "public-rpc/rpc-1",
        string? app = "public-rpc",
        AuditOutcome outcome = AuditOutcome.Succeeded,
        string? parameters = null,
        string? error = null,
        ActorKind kind = ActorKind.User) =>
        new(Start.AddMinutes(minute), kind, $"id-{actor}", actor, action, target, app, parameters, outcome, error, "10.0.0.7", $"corr-{minute}");
}
