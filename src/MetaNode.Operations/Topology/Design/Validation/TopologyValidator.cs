namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>
/// Judges a design: every rule of <see cref="TopologyRules"/>, pure (no I/O, no clock), so the
/// designer can run it on every edit and the store and importer run the same checks.
/// </summary>
public static class TopologyValidator
{
    /// <summary>Every issue of <paramref name="design"/>, in rule order; empty when it is clean.</summary>
    public static IReadOnlyList<TopologyIssue> Validate(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var issues = new IssueCollector();
        NamingRules.Check(design, issues);
        ComponentRules.Check(design, issues);
        ConsensusRules.Check(design, issues);
        ReplicationRules.Check(design, issues);
        RecoveryRules.Check(design, issues);
        BackupRules.Check(design, issues);
        RegionRules.Check(design, issues);
        MaintenanceRules.Check(design, issues);
        return issues.Issues;
    }

    /// <summary>True when <paramref name="design"/> has no error (warnings allowed).</summary>
    public static bool IsValid(TopologyDesign design) => !Validate(design).Any(i => i.IsError);
}
