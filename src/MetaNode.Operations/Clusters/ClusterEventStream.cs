using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MetaNode.Operations.Clusters;

/// <summary>
/// Fan-out of a provider's events: one unbounded channel per watcher, removed when the watcher
/// stops (in <c>finally</c>), so a slow reader never blocks the provider or other readers.
/// </summary>
public sealed class ClusterEventStream
{
    private readonly Lock _gate = new();
    private readonly List<Channel<ClusterEvent>> _subscribers = [];

    /// <summary>Delivers <paramref name="clusterEvent"/> to every current watcher.</summary>
    public void Publish(ClusterEvent clusterEvent)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(clusterEvent);
            }
        }
    }

    /// <summary>Events published from now until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<ClusterEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ClusterEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var clusterEvent))
                {
                    yield return clusterEvent;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
