using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MetaNode.Operations.Health;

/// <summary>A snapshot plus the stream of changes after it, for one reader.</summary>
public sealed class HealthSubscription : IDisposable
{
    private readonly Channel<HealthBatch> _channel;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Action<HealthSubscription> _unsubscribe;
    private int _disposed;

    internal HealthSubscription(HealthSnapshot snapshot, TimeSpan window, TimeProvider time, Action<HealthSubscription> unsubscribe)
    {
        Snapshot = snapshot;
        _window = window;
        _time = time;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateUnbounded<HealthBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    /// <summary>The state when the subscription opened.</summary>
    public HealthSnapshot Snapshot { get; }

    /// <summary>
    /// Changes after <see cref="Snapshot"/>, merged over the batch window so a reader redraws at most
    /// about ten times a second however busy the cluster is.
    /// </summary>
    public async IAsyncEnumerable<HealthBatch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new List<HealthBatch>();
        while (await _channel.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_window > TimeSpan.Zero)
            {
                await Task.Delay(_window, _time, cancellationToken);
            }

            pending.Clear();
            while (_channel.Reader.TryRead(out var batch))
            {
                pending.Add(batch);
            }

            if (pending.Count > 0)
            {
                yield return HealthBatch.Merge(pending);
            }
        }
    }

    internal void Publish(HealthBatch batch) => _channel.Writer.TryWrite(batch);

    /// <summary>Closes the channel; the reader's loop ends.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
