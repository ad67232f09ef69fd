using System.Globalization;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// Nodes holding different blocks at one height. Every probe asks each chain node for its block
/// at the app's checkpoint (the lowest head among answering nodes, so every one of them has a
/// block there): more than one hash at the checkpoint is a split brain.
/// </summary>
public sealed class SplitBrainDetector : IDetector
{
    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var byHeight = app.AnsweringChainNodes
            .Where(n => n.LastProbe is { CheckpointHeight: not null, CheckpointHash: not null })
            .GroupBy(n => n.LastProbe!.CheckpointHeight!.Value)
            .OrderByDescending(g => g.Key);
        foreach (var height in byHeight)
        {
            var sides = height.GroupBy(n => n.LastProbe!.CheckpointHash!, StringComparer.OrdinalIgnoreCase).ToList();
            if (sides.Count < 2)
            {
                continue;
            }

            var description = string.Join("; ", sides
                .OrderByDescending(s => s.Count())
                .Select(s => $"{string.Join(", ", s.Select(n => n.Health.Node.Name).Order(StringComparer.Ordinal))} hold {Short(s.Key)}"));
            yield return new Condition(
                FindingKind.SplitBrain,
                "chain",
                Severity.Critical,
                string.Create(CultureInfo.InvariantCulture, $"{sides.Count} different blocks at height {height.Key}: {description}"));
            yield break;
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..10] + "…" : hash;
}
