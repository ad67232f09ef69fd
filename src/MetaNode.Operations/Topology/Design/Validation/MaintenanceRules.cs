using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Maintenance defaults: window schedule and time zone, how many nodes at once, how long to drain.</summary>
internal static class MaintenanceRules
{
    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        var maintenance = design.Policy.Maintenance;
        var zone = TimeZone(maintenance.TimeZone, issues);
        Schedules.Read(issues, FieldPath.Policy(DesignKeys.Maintenance, DesignKeys.WindowSchedule), maintenance.WindowSchedule, zone ?? TimeZoneInfo.Utc, "the maintenance window schedule");
        issues.Duration(FieldPath.Policy(DesignKeys.Maintenance, DesignKeys.WindowDuration), maintenance.WindowDuration, "the maintenance window");
        issues.Duration(FieldPath.Policy(DesignKeys.Maintenance, DesignKeys.DrainTimeout), maintenance.DrainTimeout, "the drain timeout");

        var field = FieldPath.Policy(DesignKeys.Maintenance, DesignKeys.MaxUnavailable);
        if (!MaxUnavailable.TryParse(maintenance.MaxUnavailable, out var maxUnavailable))
        {
            issues.Add(field, MaxUnavailableInvalid, $"max unavailable '{maintenance.MaxUnavailable}' is neither a positive count (1) nor a percentage from 1% to 100% (25%)");
            return;
        }

        var validators = design.ValidatorCount;
        var quorum = design.Policy.Consensus.Quorum ?? QuorumMath.ByzantineSafeQuorum(validators);
        var margin = QuorumMath.TolerableLosses(validators, quorum);
        var atOnce = maxUnavailable.For(validators);
        if (validators > 0 && quorum is > 0 && quorum <= validators && atOnce > margin)
        {
            issues.Add(field, MaxUnavailableExceedsQuorumMargin, margin == 0
                ? $"max unavailable {maxUnavailable} would take {atOnce} of {validators} validators down at once, but with quorum {quorum} none can be down without halting the chain: validator maintenance needs an Admin override"
                : $"max unavailable {maxUnavailable} would take {atOnce} of {validators} validators down at once, but only {margin} can be down while quorum {quorum} holds: the quorum guard will hold maintenance to {margin} at a time");
        }
    }

    /// <summary>The IANA zone, or null after reporting it (a Windows id resolves on Linux too, but is not portable).</summary>
    private static TimeZoneInfo? TimeZone(string id, IssueCollector issues)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id ?? string.Empty, out var zone) && zone.HasIanaId)
        {
            return zone;
        }

        issues.Add(FieldPath.Policy(DesignKeys.Maintenance, DesignKeys.TimeZone), TimeZoneNotIana,
            $"time zone '{id}' is not an IANA time zone id; write one such as UTC, Europe/Berlin or America/New_York");
        return null;
    }
}
