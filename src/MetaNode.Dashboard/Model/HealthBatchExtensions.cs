using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>Questions a page asks a change batch before it redraws.</summary>
public static class HealthBatchExtensions
{
    /// <summary>True when <paramref name="batch"/> changes anything of <paramref name="app"/>.</summary>
    public static bool Touches(this HealthBatch batch, string app)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var prefix = app + "/";
        return batch.Apps.Any(a => a.App == app)
            || batch.Nodes.Any(n => n.Node.App == app)
            || batch.Findings.Any(f => f.App == app)
            || batch.RemovedNodes.Any(id => id.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>True when <paramref name="batch"/> changes the node <paramref name="nodeName"/> of <paramref name="app"/> or a finding about it.</summary>
    public static bool Touches(this HealthBatch batch, string app, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var id = $"{app}/{nodeName}";
        return batch.Nodes.Any(n => n.Node.Id == id)
            || batch.RemovedNodes.Contains(id)
            || batch.Findings.Any(f => f.App == app && f.Subject == nodeName);
    }
}
