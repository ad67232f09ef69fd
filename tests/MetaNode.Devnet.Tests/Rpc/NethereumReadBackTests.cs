using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace MetaNode.Devnet.Tests.Rpc;

/// <summary>The node read back with Nethereum, as a user's tooling would.</summary>
public sealed class NethereumReadBackTests(SoloValidatorFixture fixture) : IClassFixture<SoloValidatorFixture>
{
    private Web3 Web3 => new($"http://127.0.0.1:{fixture.Node.Settings.Listen.Port}");

    [Fact]
    public async Task GetBlockNumber_OverTime_Rises()
    {
        var web3 = Web3;
        var first = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync();

        await Eventually.UntilAsync(
            async () => (await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value > first.Value,
            TimeSpan.FromSeconds(30),
            $"Nethereum to see the height rise above {first.Value}");
    }

    [Fact]
    public async Task ChainId_Read_IsTheConfiguredChainId()
    {
        var chainId = await Web3.Eth.ChainId.SendRequestAsync();

        Assert.Equal(SoloValidatorFixture.ChainId, (long)chainId.Value);
    }

    [Fact]
    public async Task GetBlockWithTransactionsHashesByNumber_Latest_ReadsAWellFormedBlock()
    {
        var web3 = Web3;
        var height = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync();

        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());

        Assert.True(block.Number.Value >= height.Value);
        Assert.True(WireFormat.IsHash(block.BlockHash), block.BlockHash);
        Assert.True(WireFormat.IsHash(block.ParentHash), block.ParentHash);
        Assert.True(WireFormat.IsAddress(block.Miner), block.Miner);
        Assert.InRange((long)block.Timestamp.Value, DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Empty(block.TransactionHashes);
    }

    [Fact]
    public async Task GetBlockWithTransactionsHashesByNumber_ANumber_ReadsThatBlockLinkedToItsParent()
    {
        var web3 = Web3;

        var genesis = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateEarliest());
        var two = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(2));
        var one = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByHash.SendRequestAsync(two.ParentHash);

        Assert.Equal(0, (long)genesis.Number.Value);
        Assert.Equal(2, (long)two.Number.Value);
        Assert.Equal(1, (long)one.Number.Value);
        Assert.Equal(genesis.BlockHash, one.ParentHash);
    }

    [Fact]
    public async Task GetBlockWithTransactionsHashesByNumber_BeyondTheHead_ReadsNull()
    {
        var block = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(1_000_000_000));

        Assert.Null(block);
    }

    [Fact]
    public async Task Syncing_SoloValidator_IsNotSyncing()
    {
        var syncing = await Web3.Eth.Syncing.SendRequestAsync();

        Assert.False(syncing.IsSyncing);
    }

    [Fact]
    public async Task NetPeerCountAndVersion_Read_AreZeroAndTheChainId()
    {
        var web3 = Web3;

        var peers = await web3.Net.PeerCount.SendRequestAsync();
        var version = await web3.Net.Version.SendRequestAsync();
        var listening = await web3.Net.Listening.SendRequestAsync();

        Assert.Equal(0, (long)peers.Value);
        Assert.Equal("4242", version);
        Assert.True(listening);
    }

    [Fact]
    public async Task ClientVersion_Read_NamesMetaNode()
    {
        var version = await Web3.Client.SendRequestAsync<string>("web3_clientVersion");

        Assert.StartsWith("MetaNode/", version, StringComparison.Ordinal);
    }
}
