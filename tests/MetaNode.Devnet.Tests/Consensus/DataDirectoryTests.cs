using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Consensus;

/// <summary>With a data directory a node keeps its chain across a restart.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new("metanode-devnet-data");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Restart_WithTheSameDataDirectory_KeepsTheChainAndExtendsIt()
    {
        string kept;
        long height;
        await using (var before = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator() with { DataDirectory = _data.Path }))
        {
            await Eventually.UntilAsync(async () => await before.HeightAsync() >= 3, Deadline, "block 3 before the restart");
            kept = (string)(await before.ResultAsync("eth_getBlockByNumber", """["0x3", false]"""))!["hash"]!;
            height = await before.HeightAsync();
        }

        await using var after = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator() with { DataDirectory = _data.Path });

        Assert.True(await after.HeightAsync() >= height, "the restarted node starts from the height it had");
        Assert.Equal(kept, (string?)(await after.ResultAsync("eth_getBlockByNumber", """["0x3", false]"""))!["hash"]);
        await Eventually.UntilAsync(async () => await after.HeightAsync() > height, Deadline, $"the restarted node to commit past {height}");
    }
}
