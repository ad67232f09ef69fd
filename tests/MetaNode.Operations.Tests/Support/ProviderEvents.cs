using MetaNode.Operations.Clusters;

namespace MetaNode.Operations.Tests.Support;

/// <summary>A provider's event stream, opened before the test acts so no event is missed.</summary>
internal sealed class ProviderEvents : IAsyncDisposable
{
    private readonly CancellationTokenSource _watch;
    private readonly IAsyncEnumerator<ClusterEvent> _events;
    private Task<bool> _next;

    public ProviderEvents(IClusterProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _watch = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _events = provider.WatchAsync(_watch.Token).GetAsyncEnumerator(_watch.Token);
        _next = _events.MoveNextAsync().AsTask();
    }

    /// <summary>The next event; fails after <paramref name="timeout"/>.</summary>
    public async Task<ClusterEvent> NextAsync(TimeSpan timeout)
    {
        Assert.True(await _next.WaitAsync(timeout, TestContext.Current.CancellationToken), "the event stream ended");
        var current = _events.Current;
        _next = _events.MoveNextAsync().AsTask();
        return current;
    }

    public async ValueTask DisposeAsync()
    {
        await _watch.CancelAsync();
        await ((Task)_next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _events.DisposeAsync();
        _watch.Dispose();
    }
}
