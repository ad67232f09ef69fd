using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Support;

/// <summary>
/// One validator that commits on its own (quorum 1), shared by the tests of a class that only read
/// from it. It has committed a few blocks before the first test runs.
/// </summary>
public sealed class SoloValidatorFixture : IAsyncLifetime
{
    /// <summary>The chain id the node is started with (0x1092): not the default, so answers can be told apart.</summary>
    public const long ChainId = 4242;

    private DevnetNode? _node;

    internal DevnetNode Node => _node ?? throw new InvalidOperationException("the fixture has not started");

    public async ValueTask InitializeAsync()
    {
        _node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator(chainId: ChainId));
        await Eventually.UntilAsync(
            async () => await _node.HeightAsync() >= 3,
            TimeSpan.FromSeconds(30),
            "the solo validator to commit block 3");
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
