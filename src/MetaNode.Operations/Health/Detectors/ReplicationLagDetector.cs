using System.Globalization;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// A chain node more than the policy's block confirmations behind the app head; three times that
/// is critical.
/// </summary>
public sealed class ReplicationLagDetector : IDetector
{
    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var allowed = app.Topology.Consensus.BlockConfirmations;
        foreach (var node in app.AnsweringChainNodes)
        {
            if (node.Health.Lag is not { } lag || lag <= allowed)
            {
                continue;
            }

            // The sentence names the threshold crossed, not today's lag: it changes with the
            // severity, not with every block (the node's lag is on its page, live).
            var critical = lag > allowed * 3;
            yield return new Condition(
                FindingKind.ReplicationLag,
                node.Health.Node.Name,
                critical ? Severity.Critical : Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{node.Health.Node.Name} is more than {(critical ? allowed * 3 : allowed)} blocks behind the head (policy allows {allowed})"));
        }
    }
}
