using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>The validator set's quorum arithmetic and the consensus timers.</summary>
internal static class ConsensusRules
{
    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        var consensus = design.Policy.Consensus;
        var validators = design.ValidatorCount;
        var field = FieldPath.Policy(DesignKeys.Consensus, DesignKeys.Quorum);
        if (consensus.Quorum is <= 0)
        {
            issues.Add(field, QuorumNotPositive, $"quorum {consensus.Quorum} must be at least 1 (leave it empty for the Byzantine-safe ⌊2n/3⌋+1)");
        }
        else if (validators > 0)
        {
            Quorum(validators, consensus.Quorum ?? QuorumMath.ByzantineSafeQuorum(validators), field, issues);
        }

        if (validators is > 0 and < 4)
        {
            issues.Add(ValidatorsField(design), ValidatorsFewerThanFour,
                $"{validators} validators cannot tolerate one Byzantine fault: that needs n ≥ 3f + 1 = 4 validators");
        }

        if (consensus.BlockConfirmations < 0)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Consensus, DesignKeys.BlockConfirmations), BlockConfirmationsNegative,
                $"block confirmations are {consensus.BlockConfirmations}; they must be 0 or more");
        }

        var blockTime = issues.Duration(FieldPath.Policy(DesignKeys.Consensus, DesignKeys.BlockTime), consensus.BlockTime, "the block time");
        var timeout = issues.Duration(FieldPath.Policy(DesignKeys.Consensus, DesignKeys.Timeout), consensus.Timeout, "the consensus timeout");
        var heartbeat = issues.Duration(FieldPath.Policy(DesignKeys.Consensus, DesignKeys.HeartbeatInterval), consensus.HeartbeatInterval, "the heartbeat interval");
        if (blockTime && timeout && consensus.Timeout <= consensus.BlockTime)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Consensus, DesignKeys.Timeout), ConsensusTimeoutWithinBlockTime,
                $"the consensus timeout {DurationText.Format(consensus.Timeout)} is not longer than the block time {DurationText.Format(consensus.BlockTime)}: proposers are skipped before they can propose; use more than {DurationText.Format(consensus.BlockTime)}");
        }

        if (timeout && heartbeat && consensus.HeartbeatInterval >= consensus.Timeout)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Consensus, DesignKeys.HeartbeatInterval), HeartbeatNotBelowTimeout,
                $"the heartbeat interval {DurationText.Format(consensus.HeartbeatInterval)} is not shorter than the consensus timeout {DurationText.Format(consensus.Timeout)}: a live validator can look silent");
        }
    }

    private static void Quorum(int validators, int quorum, string field, IssueCollector issues)
    {
        var safe = QuorumMath.ByzantineSafeQuorum(validators);
        if (quorum > validators)
        {
            issues.Add(field, QuorumExceedsValidators, $"quorum {quorum} exceeds the {validators} validators: no block can ever be committed; use at most {validators}");
            return;
        }

        if (QuorumMath.AllowsSplitBrain(validators, quorum))
        {
            issues.Add(field, QuorumSplitBrain,
                $"quorum {quorum} of {validators} validators is at most half ({quorum} × 2 ≤ {validators}): both sides of a network partition can reach {quorum} and commit different blocks (split brain); use at least {(validators / 2) + 1}");
        }

        if (quorum < safe)
        {
            issues.Add(field, QuorumNotByzantineSafe,
                $"quorum {quorum} of {validators} validators is below ⌊2×{validators}/3⌋+1 = {safe}: not safe against a Byzantine validator; use {safe}");
        }
    }

    /// <summary>The replicas of the first validator component, where an operator changes the count.</summary>
    private static string ValidatorsField(TopologyDesign design)
    {
        var index = design.Components.ToList().FindIndex(c => c.Role == ComponentRole.Validator);
        return FieldPath.Key(FieldPath.Item(DesignKeys.Components, design.Components[index].Name, index), DesignKeys.Replicas);
    }
}
