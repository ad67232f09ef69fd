namespace MetaNode.Operations.Topology;

/// <summary>The arithmetic of validator quorums, in 64 bits so that any design's numbers (a typo of 2147483647 replicas) stay exact.</summary>
public static class QuorumMath
{
    /// <summary>⌊2n/3⌋+1: the smallest quorum that stays safe with up to ⌊(n−1)/3⌋ Byzantine validators.</summary>
    public static int ByzantineSafeQuorum(int validators) => validators <= 0 ? 0 : (int)(2L * validators / 3) + 1;

    /// <summary>How many validators can be lost while the chain still commits: n − q (never negative).</summary>
    public static int TolerableLosses(int validators, int quorum) => (int)Math.Clamp((long)validators - quorum, 0, int.MaxValue);

    /// <summary>True when two disjoint sides of a partition could each reach the quorum (q ≤ n/2).</summary>
    public static bool AllowsSplitBrain(int validators, int quorum) => 2L * quorum <= validators;
}
