using System.Globalization;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>Healthy validators against the quorum: exactly the quorum is a risk, fewer is lost.</summary>
public sealed class QuorumDetector : IDetector
{
    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var validators = app.Nodes.Where(n => n.Health.Node.Role == ComponentRole.Validator).ToList();
        // Until every validator has been seen once (the cluster is coming up), there is nothing to judge.
        if (validators.Count == 0 || validators.Any(n => n.Health.Status == NodeStatus.Unknown))
        {
            yield break;
        }

        var quorum = app.Topology.Consensus.EffectiveQuorum(validators.Count);
        var healthy = validators.Count(n => n.Health.Status == NodeStatus.Up);
        var unhealthy = string.Join(", ", validators.Where(n => n.Health.Status != NodeStatus.Up).Select(n => n.Health.Node.Name));
        if (healthy < quorum)
        {
            yield return new Condition(
                FindingKind.QuorumLost,
                "validator",
                Severity.Critical,
                string.Create(CultureInfo.InvariantCulture, $"{healthy} of {validators.Count} validators healthy, quorum {quorum}: the chain cannot commit (unhealthy: {unhealthy})"));
        }
        else if (healthy == quorum && healthy < validators.Count)
        {
            yield return new Condition(
                FindingKind.QuorumAtRisk,
                "validator",
                Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{healthy} of {validators.Count} validators healthy, quorum {quorum}: one more loss halts the chain (unhealthy: {unhealthy})"));
        }
    }
}
