using MetaNode.Operations.Clusters;

namespace MetaNode.Operations.Tests.Support;

/// <summary>Scenarios every provider must pass the same way; each provider's tests run them on its own cluster.</summary>
internal static class ProviderContract
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>A paused node stays listed as paused and answers nothing; resumed, it answers again.</summary>
    public static async Task PauseThenResumeAsync(TestCluster cluster, string name)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var cancellation = TestContext.Current.CancellationToken;
        var node = cluster.Node(name);
        using var shortTimeout = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };

        await cluster.Cluster.PauseAsync(node.Ref, cancellation);

        Assert.Equal(NodeRunState.Paused, cluster.Node(name).State);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => shortTimeout.GetAsync(node.HealthEndpoint, cancellation));

        await cluster.Cluster.ResumeAsync(node.Ref, cancellation);

        Assert.Equal(NodeRunState.Running, cluster.Node(name).State);
        using var health = await Http.GetAsync(node.HealthEndpoint, cancellation);
        Assert.True(health.IsSuccessStatusCode);
    }
}
