using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Copies of the data: replication factor against replicas, and what the consistency level survives.</summary>
internal static class ReplicationRules
{
    /// <summary>Roles whose nodes hold copies of data the replication factor counts: the chain and the content store.</summary>
    public static bool HoldsData(ComponentRole role) => role is ComponentRole.Blockchain or ComponentRole.Ipfs;

    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        var replication = design.Policy.Replication;
        var factor = replication.ReplicationFactor;
        var field = FieldPath.Policy(DesignKeys.Replication, DesignKeys.ReplicationFactor);
        if (factor < 1)
        {
            issues.Add(field, ReplicationFactorBelowOne, $"replication factor {factor} must be at least 1");
        }
        else
        {
            foreach (var component in design.Components.Where(c => HoldsData(c.Role) && c.Replicas >= 0 && c.Replicas < factor))
            {
                issues.Add(field, ReplicationFactorExceedsReplicas,
                    $"replication factor {factor} exceeds the {component.Replicas} replicas of {component.Name}: only {component.Replicas} copies can exist; lower it or add replicas");
            }

            Consistency(replication, field, issues);
        }

        if (issues.Duration(FieldPath.Policy(DesignKeys.Replication, DesignKeys.SyncInterval), replication.SyncInterval, "the sync interval"))
        {
            SyncInterval(design, issues);
        }
    }

    private static void Consistency(ReplicationSettings replication, string field, IssueCollector issues)
    {
        var factor = replication.ReplicationFactor;
        var consistency = FieldPath.Policy(DesignKeys.Replication, DesignKeys.Consistency);
        if (factor == 1)
        {
            issues.Add(field, ReplicationFactorOne, "replication factor 1 keeps one copy: losing the node that holds it loses the data; use 3");
            return;
        }

        switch (replication.Consistency)
        {
            case Design.Consistency.All:
                issues.Add(consistency, ConsistencyAllStopsOnLoss,
                    $"consistency all with replication factor {factor}: a write needs all {factor} copies, so losing any one node stops writes to the data it held; use quorum");
                break;
            case Design.Consistency.Quorum when factor == 2:
                issues.Add(field, ConsistencyQuorumNoLoss,
                    "quorum writes with replication factor 2 need both copies (a majority of 2 is 2): one loss stops writes; use 3");
                break;
            case Design.Consistency.Quorum when factor % 2 == 0:
                issues.Add(field, ReplicationFactorEven,
                    $"replication factor {factor} with quorum writes needs {(factor / 2) + 1} copies and tolerates losing {(factor / 2) - 1}, as {factor - 1} copies would; use {factor + 1} to tolerate {factor / 2}");
                break;
            default:
                break;
        }
    }

    private static void SyncInterval(TopologyDesign design, IssueCollector issues)
    {
        var policy = design.Policy;
        var interval = policy.Replication.SyncInterval;
        var rpo = policy.DisasterRecovery.Rpo;
        // Quorum and all writes are on several copies when acknowledged; only a write held by one
        // copy, or a region that converges later, waits for the next sync to exist twice.
        var unsyncedWrites = policy.Replication.Consistency == Design.Consistency.One
            || (policy.MultiRegion.Enabled && policy.MultiRegion.Synchronization == Synchronization.Eventual);
        if (unsyncedWrites && rpo > TimeSpan.Zero && interval > rpo)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Replication, DesignKeys.SyncInterval), SyncIntervalExceedsRpo,
                $"copies reconcile every {DurationText.Format(interval)} but the RPO is {DurationText.Format(rpo)}: a loss just before a sync loses up to {DurationText.Format(interval)} of writes");
        }
    }
}
