using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// A scheduled proposer was skipped and another validator proposed instead. MetaNode writes the
/// consensus round into the block's nonce: round r &gt; 0 means r proposers were skipped, each after
/// the consensus timeout. For other clients a block that came later than block time + timeout
/// after its parent counts as a failover.
/// </summary>
public sealed class FailoverDetector : IDetector
{
    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Block 1's rounds count from the chain's creation, not from when its validators came up:
        // its round says how long start-up took, not that a proposer failed.
        if (app.NewHead is not { Height: { } height and > 1 } head)
        {
            yield break;
        }

        var consensus = app.Topology.Consensus;
        var proposer = NameOf(head.Proposer, app.ValidatorNames);
        if (head.HeadRound is { } round and > 0 and < 1000 && app.ValidatorNames.Count > 0)
        {
            var skipped = Enumerable.Range(0, (int)Math.Min(round, app.ValidatorNames.Count))
                .Select(r => app.ValidatorNames[(int)((height + r) % app.ValidatorNames.Count)])
                .Distinct();
            var took = consensus.Timeout * round;
            yield return new Condition(
                FindingKind.Failover,
                proposer,
                Severity.Info,
                string.Create(CultureInfo.InvariantCulture, $"block {height}: {string.Join(", ", skipped)} missed its turn; {proposer} proposed after {took.TotalSeconds:0.#} s of failover"),
                Instant: true);
        }
        else if (head.HeadRound is null && app.PreviousHeadTime is { } previous && head.HeadTime is { } time && time - previous >= consensus.BlockTime + consensus.Timeout)
        {
            yield return new Condition(
                FindingKind.Failover,
                proposer,
                Severity.Info,
                string.Create(CultureInfo.InvariantCulture, $"block {height} came {(time - previous).TotalSeconds:0.#} s after its parent (expected {consensus.BlockTime.TotalSeconds:0.#} s): a proposer was skipped; {proposer} proposed it"),
                Instant: true);
        }
    }

    /// <summary>The validator whose MetaNode address is <paramref name="address"/>, or the address.</summary>
    private static string NameOf(string? address, IReadOnlyList<string> validators)
    {
        if (address is null)
        {
            return "unknown proposer";
        }

        return validators.FirstOrDefault(v => AddressOf(v).Equals(address, StringComparison.OrdinalIgnoreCase)) ?? address;
    }

    /// <summary>MetaNode's validator address: the first 20 bytes of SHA-256 of the node name.</summary>
    public static string AddressOf(string nodeName) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nodeName)).AsSpan(0, 20));
}
