namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// Something a detector sees right now. The <see cref="FindingTracker"/> turns a condition that
/// appears into a finding, keeps it while the condition lasts and ends it when it goes away.
/// </summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Subject">What it is about (node name, component, or "chain").</param>
/// <param name="Severity">How urgent, now.</param>
/// <param name="Summary">The sentence with today's numbers.</param>
/// <param name="Instant">An event rather than a state (a failover): the finding starts and ends at once.</param>
public sealed record Condition(FindingKind Kind, string Subject, Severity Severity, string Summary, bool Instant = false);

/// <summary>One detector: looks at an app's current health and names the conditions present.</summary>
public interface IDetector
{
    /// <summary>The conditions present in <paramref name="app"/> now.</summary>
    IEnumerable<Condition> Detect(AppView app);
}
