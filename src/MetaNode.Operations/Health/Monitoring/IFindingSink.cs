namespace MetaNode.Operations.Health.Monitoring;

/// <summary>Where the monitor sends every finding that opened, changed or closed (the store).</summary>
public interface IFindingSink
{
    /// <summary>Queues <paramref name="finding"/> for storage; never blocks the monitor.</summary>
    void Record(Finding finding);
}
