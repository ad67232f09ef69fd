using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Health checks, failure detection and the recovery-time objective: whether a failure is seen in time.</summary>
internal static class RecoveryRules
{
    public const int MaxHealthRetries = 10;
    public const int MaxFailoverRetries = 100;

    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        var health = design.Policy.HealthChecks;
        var failover = design.Policy.Failover;
        var interval = issues.Duration(FieldPath.Policy(DesignKeys.HealthChecks, DesignKeys.Interval), health.Interval, "the health-check interval");
        var timeout = issues.Duration(FieldPath.Policy(DesignKeys.HealthChecks, DesignKeys.Timeout), health.Timeout, "the health-check timeout");
        if (interval && timeout && health.Timeout >= health.Interval)
        {
            issues.Add(FieldPath.Policy(DesignKeys.HealthChecks, DesignKeys.Timeout), HealthTimeoutNotBelowInterval,
                $"a probe may take {DurationText.Format(health.Timeout)} but probes start every {DurationText.Format(health.Interval)}: probes of one node would overlap; make the timeout shorter than the interval");
        }

        var retries = health.Retries is >= 0 and <= MaxHealthRetries;
        if (!retries)
        {
            issues.Add(FieldPath.Policy(DesignKeys.HealthChecks, DesignKeys.Retries), RetriesOutOfRange, $"health-check retries are {health.Retries}; allowed are 0 to {MaxHealthRetries}");
        }

        if (failover.MaxRetries is < 0 or > MaxFailoverRetries)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Failover, DesignKeys.MaxRetries), RetriesOutOfRange, $"failover retries are {failover.MaxRetries}; allowed are 0 to {MaxFailoverRetries}");
        }

        var detection = issues.Duration(FieldPath.Policy(DesignKeys.Failover, DesignKeys.DetectionTimeout), failover.DetectionTimeout, "the failover detection timeout");
        if (detection && interval && retries)
        {
            var verdict = health.Interval * (health.Retries + 1);
            if (failover.DetectionTimeout < verdict)
            {
                issues.Add(FieldPath.Policy(DesignKeys.Failover, DesignKeys.DetectionTimeout), DetectionBeforeHealthVerdict,
                    $"failover detection after {DurationText.Format(failover.DetectionTimeout)} fires before the monitor can tell: {health.Retries + 1} probes (retries {health.Retries} + 1) every {DurationText.Format(health.Interval)} take {DurationText.Format(verdict)}");
            }
        }

        var rto = design.Policy.DisasterRecovery.Rto;
        if (issues.Duration(FieldPath.Policy(DesignKeys.DisasterRecovery, DesignKeys.Rto), rto, "the RTO") && detection && rto < failover.DetectionTimeout)
        {
            issues.Add(FieldPath.Policy(DesignKeys.DisasterRecovery, DesignKeys.Rto), RtoBelowDetection,
                $"the RTO of {DurationText.Format(rto)} is shorter than the failover detection timeout of {DurationText.Format(failover.DetectionTimeout)}: an outage is only noticed after the RTO has passed");
        }
    }
}
