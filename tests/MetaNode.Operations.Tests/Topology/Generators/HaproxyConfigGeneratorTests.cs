using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>The generated haproxy.cfg: what it says, and that HAProxy 2.6 accepts it (<c>haproxy -c</c>).</summary>
public sealed class HaproxyConfigGeneratorTests : IDisposable
{
    private readonly TempDirectory _folder = new("metanode-haproxy");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Generate_TheBriefsApp_OneServerPerBlockchainNodeByServiceName()
    {
        var lines = Lines(HaproxyConfigGenerator.Generate(SampleDesigns.MyApp()));

        Assert.Equal(
            ["server blockchain-0 blockchain-0:8545 check", "server blockchain-1 blockchain-1:8545 check", "server blockchain-2 blockchain-2:8545 check"],
            lines.Where(l => l.StartsWith("server ", StringComparison.Ordinal)));
        Assert.Contains("bind :8545", lines);
        Assert.Contains("bind :8404", lines);
        Assert.Contains("stats enable", lines);
    }

    [Fact]
    public void Generate_HealthCheck_PostsAJsonRpcCallAndWantsAResult()
    {
        var lines = Lines(HaproxyConfigGenerator.Generate(SampleDesigns.MyApp()));

        Assert.Contains("option httpchk", lines);
        Assert.Contains(
            """http-check send meth POST uri / ver HTTP/1.1 hdr Host localhost hdr Content-Type application/json body '{"jsonrpc":"2.0","method":"web3_clientVersion","params":[],"id":1}'""",
            lines);
        Assert.Contains("http-check expect status 200", lines);
        Assert.Contains("""http-check expect string '"result"'""", lines);
    }

    [Theory]
    [InlineData(1000, 500, 2, "inter 1s fall 2 rise 2", "timeout check 500ms")]
    [InlineData(2500, 2000, 4, "inter 2500ms fall 4 rise 4", "timeout check 2s")]
    public void Generate_HealthPolicy_PacesTheChecks(int intervalMs, int timeoutMs, int retries, string serverDefaults, string checkTimeout)
    {
        var design = SampleDesigns.MyApp() with
        {
            Policy = SampleDesigns.MyApp().Policy with
            {
                HealthChecks = new HealthCheckSettings(TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(timeoutMs), retries),
            },
        };

        var lines = Lines(HaproxyConfigGenerator.Generate(design));

        Assert.Contains($"default-server {serverDefaults} init-addr last,libc,none resolvers docker", lines);
        Assert.Contains(checkTimeout, lines);
    }

    [Fact]
    public async Task HaproxyCheck_ComposeConfig_IsValid()
    {
        var haproxy = ExternalTools.Require("haproxy", "haproxy");
        var path = Write(HaproxyConfigGenerator.Generate(SampleDesigns.MyApp()).Content);

        var result = await Check(haproxy, path);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("Configuration file is valid", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        // Outside Docker the service names do not resolve; that, and nothing else, may be warned about.
        var warnings = (result.StandardOutput + result.StandardError).Split('\n').Where(l => l.Contains("[WARNING]", StringComparison.Ordinal)).ToList();
        Assert.All(warnings, w => Assert.Contains("could not resolve address 'blockchain-", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HaproxyCheck_LoopbackAddresses_IsValidWithoutWarnings()
    {
        var haproxy = ExternalTools.Require("haproxy", "haproxy");
        var options = new HaproxyOptions { RpcBind = "127.0.0.1:18545", StatsBind = "127.0.0.1:18404", ServerAddress = (_, port) => $"127.0.0.1:{port}" };
        var path = Write(HaproxyConfigGenerator.Generate(SampleDesigns.MyApp(), options).Content);

        var result = await Check(haproxy, path);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.DoesNotContain("[WARNING]", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http-check expect status 200", "http-check expect stauts 200")]
    [InlineData("    timeout check 500ms", "    timeout check soon")]
    [InlineData("    balance roundrobin", "    balance roundrobni")]
    public async Task HaproxyCheck_BrokenConfig_IsRejected(string original, string broken)
    {
        var haproxy = ExternalTools.Require("haproxy", "haproxy");
        var content = HaproxyConfigGenerator.Generate(SampleDesigns.MyApp()).Content;
        Assert.Contains(original, content, StringComparison.Ordinal);

        var result = await Check(haproxy, Write(content.Replace(original, broken, StringComparison.Ordinal)));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("[ALERT]", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    private static Task<ChildProcess.Result> Check(string haproxy, string path) =>
        ChildProcess.RunAsync(haproxy, ["-c", "-f", path], ExternalTools.Deadline, cancellationToken: TestContext.Current.CancellationToken);

    private static List<string> Lines(GeneratedFile file) => [.. file.Content.Split('\n').Select(l => l.Trim())];

    private string Write(string content)
    {
        var path = _folder.Combine("haproxy.cfg");
        File.WriteAllText(path, content);
        return path;
    }
}
