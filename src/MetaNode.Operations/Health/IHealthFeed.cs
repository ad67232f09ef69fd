namespace MetaNode.Operations.Health;

/// <summary>
/// The one source of live health for everything but the monitor: a snapshot, then the changes
/// after it. Pages, the SignalR hub, detectors' consumers and the entry point all read this.
/// </summary>
public interface IHealthFeed
{
    /// <summary>The latest snapshot.</summary>
    HealthSnapshot Current { get; }

    /// <summary>
    /// Atomically takes the snapshot and opens a private channel of the changes after it. Dispose
    /// the subscription (in <c>finally</c>) to close the channel.
    /// </summary>
    /// <param name="batchWindow">How long to gather changes into one batch (default 100 ms).</param>
    HealthSubscription Subscribe(TimeSpan? batchWindow = null);
}
