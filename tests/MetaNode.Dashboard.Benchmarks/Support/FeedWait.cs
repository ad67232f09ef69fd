using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>Waits on the health feed (not by sleeping) until its state satisfies a condition, with a deadline.</summary>
internal static class FeedWait
{
    /// <summary>Returns the first snapshot that satisfies <paramref name="condition"/>; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<HealthSnapshot> UntilAsync(IHealthFeed feed, Func<HealthSnapshot, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe();
        if (condition(feed.Current))
        {
            return feed.Current;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var _ in subscription.ReadAllAsync(deadline.Token))
            {
                var current = feed.Current;
                if (condition(current))
                {
                    return current;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
    }
}
