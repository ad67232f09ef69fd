using System.Globalization;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>No new head within k block times, while chain nodes still answer.</summary>
public sealed class ChainStallDetector : IDetector
{
    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Head is not { } head || app.HeadChangedAt is not { } since || !app.AnsweringChainNodes.Any())
        {
            yield break;
        }

        var quiet = app.Now - since;
        // The head is only seen as often as nodes are probed: never call a stall sooner than two probes.
        var checks = app.Topology.HealthChecks;
        var limit = Max(app.Topology.Consensus.BlockTime * app.StallFactor, (checks.Interval * 2) + checks.Timeout);
        if (quiet > limit)
        {
            yield return new Condition(
                FindingKind.ChainStall,
                "chain",
                Severity.Critical,
                string.Create(CultureInfo.InvariantCulture, $"no new block for {quiet.TotalSeconds:0} s (limit {limit.TotalSeconds:0.#} s); head is {head}"));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
