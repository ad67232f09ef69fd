using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>The reading side of a page's live health: the change stream after its snapshot.</summary>
public static class HealthStream
{
    /// <summary>
    /// Hands every batch of <paramref name="subscription"/> to <paramref name="apply"/> until
    /// <paramref name="cancellationToken"/> ends it, then disposes the subscription (closing its channel).
    /// </summary>
    public static async Task FollowAsync(HealthSubscription subscription, Func<HealthBatch, Task> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(apply);
        try
        {
            await foreach (var batch in subscription.ReadAllAsync(cancellationToken))
            {
                await apply(batch);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            subscription.Dispose();
        }
    }
}
