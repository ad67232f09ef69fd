using MetaNode.Operations.Clusters;

namespace MetaNode.Operations.Balancing;

/// <summary>Decides which blockchain nodes an app's RPC entry point may send requests to.</summary>
public interface IEntryPointDestinations
{
    /// <summary>The nodes fit to serve <paramref name="app"/>'s JSON-RPC now.</summary>
    IReadOnlyList<NodeInfo> Select(string app);

    /// <summary>Signals each time the answer of <see cref="Select"/> may have changed.</summary>
    IAsyncEnumerable<string> ChangesAsync(CancellationToken cancellationToken);
}
