using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Hosting;

/// <summary>
/// <c>metanode-devnet health URL</c>, the container health check of the FROM-scratch image: the real
/// program exits 0 when the node's /health is ok and 1 when it is not or does not answer.
/// </summary>
public sealed class HealthCheckCommandTests : IDisposable
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _work = new("metanode-devnet-health");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Health_ServingNode_ExitsZeroPrintingItsReport()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator("validator-0"));

        var (exitCode, output) = await HealthAsync(new Uri(node.RpcAddress, "health").ToString());

        Assert.Equal(0, exitCode);
        Assert.StartsWith("200 {", output, StringComparison.Ordinal);
        Assert.Contains("\"nodeId\":\"validator-0\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_IsolatedNode_ExitsOneWithItsStatus()
    {
        await using var follower = await DevnetNode.StartAsync(() => DevnetNode.Follower("blockchain-0", FreePorts.One()));

        var (exitCode, output) = await HealthAsync(new Uri(follower.RpcAddress, "health").ToString());

        Assert.Equal(1, exitCode);
        Assert.StartsWith("503 {", output, StringComparison.Ordinal);
        Assert.Contains("isolated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NothingListening_ExitsOne()
    {
        var (exitCode, output) = await HealthAsync($"http://127.0.0.1:{FreePorts.One()}/health");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("unreachable:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("ftp://127.0.0.1/health")]
    public async Task Health_BadArgument_ExitsWithCode2ShowingUsage(string argument)
    {
        var (exitCode, output) = await HealthAsync(argument);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: metanode-devnet health", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> HealthAsync(string argument) =>
        DevnetProcess.RunToExitAsync(["health", argument], _work.Path, ExitDeadline);
}
