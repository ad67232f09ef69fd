using System.Collections.Immutable;

namespace MetaNode.Operations.Health;

/// <summary>
/// Everything the dashboard knows about live health at one version: every app, every node, the
/// findings that are active and those that ended recently. Immutable: readers keep it as long as
/// they like while the monitor moves on.
/// </summary>
public sealed record HealthSnapshot(
    long Version,
    DateTimeOffset At,
    ImmutableSortedDictionary<string, AppHealth> Apps,
    ImmutableDictionary<string, NodeHealth> Nodes,
    ImmutableList<Finding> Findings)
{
    /// <summary>Before the monitor's first pass.</summary>
    public static HealthSnapshot Empty { get; } = new(
        0,
        DateTimeOffset.MinValue,
        ImmutableSortedDictionary.Create<string, AppHealth>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, NodeHealth>(StringComparer.Ordinal),
        []);

    /// <summary>The nodes of <paramref name="app"/>, by component role then name.</summary>
    public IEnumerable<NodeHealth> NodesOf(string app) =>
        Nodes.Values.Where(n => n.Node.App == app)
            .OrderBy(n => n.Node.Role).ThenBy(n => n.Node.Component, StringComparer.Ordinal).ThenBy(n => n.Node.Ordinal);

    /// <summary>Findings of <paramref name="app"/> that are still active, newest first.</summary>
    public IEnumerable<Finding> ActiveFindings(string app) =>
        Findings.Where(f => f.App == app && f.IsActive).OrderByDescending(f => f.StartedAt);
}

/// <summary>
/// What changed between two versions: nodes, apps and findings to replace (by id), nodes gone.
/// Applying batches in order to a snapshot gives the monitor's state at <see cref="Version"/>.
/// </summary>
public sealed record HealthBatch(
    long Version,
    IReadOnlyList<NodeHealth> Nodes,
    IReadOnlyList<string> RemovedNodes,
    IReadOnlyList<AppHealth> Apps,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => Nodes.Count == 0 && RemovedNodes.Count == 0 && Apps.Count == 0 && Findings.Count == 0;

    /// <summary>Folds several batches into one: the latest value of each node, app and finding wins.</summary>
    public static HealthBatch Merge(IReadOnlyList<HealthBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 1)
        {
            return batches[0];
        }

        var nodes = new Dictionary<string, NodeHealth>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var apps = new Dictionary<string, AppHealth>(StringComparer.Ordinal);
        var findings = new Dictionary<Guid, Finding>();
        foreach (var batch in batches)
        {
            foreach (var node in batch.Nodes)
            {
                nodes[node.Node.Id] = node;
                removed.Remove(node.Node.Id);
            }

            foreach (var id in batch.RemovedNodes)
            {
                nodes.Remove(id);
                removed.Add(id);
            }

            foreach (var app in batch.Apps)
            {
                apps[app.App] = app;
            }

            foreach (var finding in batch.Findings)
            {
                findings[finding.Id] = finding;
            }
        }

        return new HealthBatch(batches[^1].Version, [.. nodes.Values], [.. removed], [.. apps.Values], [.. findings.Values]);
    }

    /// <summary>Applies this batch to <paramref name="snapshot"/>, keeping ended findings for <paramref name="keepEnded"/>.</summary>
    public HealthSnapshot ApplyTo(HealthSnapshot snapshot, DateTimeOffset at, TimeSpan keepEnded)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = snapshot.Nodes.SetItems(Nodes.Select(n => KeyValuePair.Create(n.Node.Id, n))).RemoveRange(RemovedNodes);
        var apps = snapshot.Apps.SetItems(Apps.Select(a => KeyValuePair.Create(a.App, a)));
        // Most batches only touch nodes: leave the findings list alone unless findings changed.
        var findings = snapshot.Findings;
        if (Findings.Count > 0)
        {
            var changed = Findings.ToDictionary(f => f.Id);
            findings = snapshot.Findings
                .Select(f => changed.Remove(f.Id, out var updated) ? updated : f)
                .Concat(changed.Values)
                .Where(f => f.IsActive || at - f.EndedAt!.Value <= keepEnded)
                .ToImmutableList();
        }

        return new HealthSnapshot(Version, at, apps, nodes, findings);
    }
}
