using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health.Probes;

namespace MetaNode.Operations.Health.Monitoring;

/// <summary>What a node's probe loop needs, replaced whole when anything changes.</summary>
/// <param name="Target">What to probe.</param>
/// <param name="Interval">Time between probes.</param>
/// <param name="Timeout">How long one probe may take.</param>
/// <param name="Enabled">False while the provider reports the node stopped, exited or frozen: nothing to probe.</param>
internal sealed record ProbeSettings(ProbeTarget Target, TimeSpan Interval, TimeSpan Timeout, bool Enabled);

/// <summary>
/// The monitor's record of one node. Only the monitor's loop reads or writes the mutable parts;
/// the node's probe loop reads <see cref="Settings"/> and <see cref="Generation"/> (volatile) and
/// posts results back, tagged with the generation they started under so that a result that
/// predates an event (the probe began before the kill) is ignored.
/// </summary>
internal sealed class TrackedNode(NodeInfo info, NodeHealth health, ProbeSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private ProbeSettings _settings = settings;
    private int _generation;

    public string Id => Info.Ref.Id;

    public NodeInfo Info { get; set; } = info;

    public NodeHealth Health { get; set; } = health;

    /// <summary>The status and reason the last probe or event gave, before lag is taken into account.</summary>
    public (NodeStatus Status, string? Reason) Verdict { get; set; } = (health.Status, health.Reason);

    /// <summary>The last probe that answered.</summary>
    public ProbeResult? LastAnswer { get; set; }

    /// <summary>Consecutive probes slower than the contention threshold.</summary>
    public int SlowProbes { get; set; }

    public CancellationTokenSource Loop { get; } = new();

    public ProbeSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Invalidates probes in flight (an event overrides them).</summary>
    public void NextGeneration() => Interlocked.Increment(ref _generation);

    /// <summary>Probe now instead of at the next interval.</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
        catch (ObjectDisposedException)
        {
            // Removed meanwhile.
        }
    }

    /// <summary>Waits for the interval, or less when woken.</summary>
    public async Task WaitNextAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        await _wake.WaitAsync(interval, cancellationToken);

    public void Dispose()
    {
        Loop.Cancel();
        Loop.Dispose();
        _wake.Dispose();
    }
}
