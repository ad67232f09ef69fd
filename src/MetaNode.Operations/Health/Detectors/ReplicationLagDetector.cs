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

            var severity = lag > allowed * 3 ? Severity.Critical : Severity.Warning;
            yield return new Condition(
                FindingKind.ReplicationLag,
                node.Health.Node.Name,
                severity,
                string.Create(CultureInfo.InvariantCulture, $"{node.Health.Node.Name} is {lag} blocks behind the head {app.Head} (policy allows {allowed})"));
        }
    }
}
