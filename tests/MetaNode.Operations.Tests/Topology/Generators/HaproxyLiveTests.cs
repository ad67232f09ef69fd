using System.Net.Http.Headers;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators;
using MetaNode.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>
/// The generated haproxy.cfg for real, on loopback: HAProxy in front of three devnet blockchain
/// nodes (and their validator), each started with its generated command line, and a fourth
/// "node" that answers every call with a JSON-RPC error. The health check finds the three up and
/// keeps the fourth out, HAProxy serves JSON-RPC, and it takes a killed node out within the HA
/// policy's budget while clients keep getting answers.
/// </summary>
public sealed class HaproxyLiveTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    // Answers 200 with a JSON-RPC error, as a node of another chain or a proxy in front of nothing might.
    private const string Broken = "blockchain-3";
    private readonly TempDirectory _folder = new("metanode-haproxy-live");
    private readonly List<BackgroundProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Haproxy_GeneratedConfigOverThreeDevnetNodes_ServesJsonRpcAndTakesAKilledNodeOut()
    {
        var haproxy = ExternalTools.Require("haproxy", "haproxy");
        var design = Design();
        var (first, _) = PortBlocks.Next();
        var layout = ChainLayout.Of(design);
        var ports = layout.Nodes.Select((n, i) => (n.Name, Port: first + i)).ToDictionary(p => p.Name, p => p.Port);
        var (rpcPort, statsPort) = (first + layout.Nodes.Count, first + layout.Nodes.Count + 1);
        var nodes = layout.Nodes.Where(n => n.Name != Broken).ToDictionary(n => n.Name, n => StartNode(design, layout, n, ports));
        await using var broken = await StartBrokenNodeAsync(ports[Broken]);
        var config = HaproxyConfigGenerator.Generate(design, new HaproxyOptions
        {
            RpcBind = $"127.0.0.1:{rpcPort}",
            StatsBind = $"127.0.0.1:{statsPort}",
            ServerAddress = (node, _) => $"127.0.0.1:{ports[node]}",
        });
        var path = _folder.Combine("haproxy.cfg");
        await File.WriteAllTextAsync(path, config.Content, TestContext.Current.CancellationToken);
        var balancer = Track(BackgroundProcess.Start(haproxy, ["-db", "-f", path], _folder.Path));

        // Servers start out UP in HAProxy 2.6: only a passed check (L7OK) shows the check works.
        await Eventually.UntilAsync(
            async () => (await ServerStates(statsPort)) is var states
                && states.Count(s => s.Value == ("UP", "L7OK")) == 3
                && states[Broken].Status == "DOWN",
            Deadline,
            $"HAProxy to pass the three blockchain nodes' checks and fail {Broken}'s. HAProxy: {balancer.Output}");
        for (var i = 0; i < 6; i++)
        {
            Assert.StartsWith("0x", await BlockNumber(rpcPort), StringComparison.Ordinal);
        }

        await nodes["blockchain-1"].KillAsync();

        // Down after 2 failed checks 200 ms apart (each may wait out its 500 ms timeout): about a second.
        await Eventually.UntilAsync(
            async () => (await ServerStates(statsPort))["blockchain-1"].Status == "DOWN",
            TimeSpan.FromSeconds(30),
            "HAProxy to take the killed blockchain-1 out");
        for (var i = 0; i < 6; i++)
        {
            Assert.StartsWith("0x", await BlockNumber(rpcPort), StringComparison.Ordinal);
        }

        Assert.Equal(["UP", "UP"], (await ServerStates(statsPort)).Where(s => s.Key is "blockchain-0" or "blockchain-2").Select(s => s.Value.Status));
    }

    /// <summary>One validator that commits alone and four followers, with fast blocks and checks.</summary>
    private static TopologyDesign Design()
    {
        var policy = HaPolicy.Default with
        {
            Consensus = HaPolicy.Default.Consensus with { BlockTime = TimeSpan.FromMilliseconds(250), Timeout = TimeSpan.FromMilliseconds(600) },
            HealthChecks = new HealthCheckSettings(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), 2),
        };
        return new TopologyDesign
        {
            Name = "live-app",
            Components = [ComponentDesign.Default("validator", ComponentRole.Validator, 1), ComponentDesign.Default("blockchain", ComponentRole.Blockchain, 4)],
            Policy = policy,
        };
    }

    /// <summary>
    /// Starts a node with its generated command line, moved onto loopback: its own port instead of
    /// 0.0.0.0:8545 (every container has its own network; these processes share one) and a data
    /// folder of its own instead of the image's /data.
    /// </summary>
    private BackgroundProcess StartNode(TopologyDesign design, ChainLayout layout, NodeSlot node, IReadOnlyDictionary<string, int> ports)
    {
        var arguments = DevnetArguments.For(
            design, layout, node.Component, node.Name, adminApi: false, DateTimeOffset.UtcNow, peer => new Uri($"http://127.0.0.1:{ports[peer.Name]}/")).ToList();
        arguments[arguments.IndexOf("--listen") + 1] = $"127.0.0.1:{ports[node.Name]}";
        arguments[arguments.IndexOf("--data-dir") + 1] = _folder.Combine(node.Name);
        var devnet = Path.Combine(AppContext.BaseDirectory, "MetaNode.Devnet");
        return Track(BackgroundProcess.Start(devnet, arguments, _folder.Path));
    }

    private static async Task<WebApplication> StartBrokenNodeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/", () => Results.Text("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found"}}""", "application/json"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private BackgroundProcess Track(BackgroundProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private async Task<string> BlockNumber(int rpcPort)
    {
        using var content = new StringContent("""{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":7}""");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri($"http://127.0.0.1:{rpcPort}/"), content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return (string)System.Text.Json.Nodes.JsonNode.Parse(body)!["result"]!;
    }

    /// <summary>Each blockchain server's status (<c>UP</c>, <c>DOWN</c>, <c>UP 1/2</c>…) and last check result (<c>L7OK</c>, <c>L7RSP</c>…) from the stats page's CSV.</summary>
    private async Task<Dictionary<string, (string Status, string Check)>> ServerStates(int statsPort)
    {
        var csv = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{statsPort}/;csv"), TestContext.Current.CancellationToken);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var header = rows[0];
        var (status, check) = (Array.IndexOf(header, "status"), Array.IndexOf(header, "check_status"));
        return rows.Skip(1)
            .Where(r => r[0] == "blockchain" && r[1].StartsWith("blockchain-", StringComparison.Ordinal))
            .ToDictionary(r => r[1], r => (r[status], r[check]), StringComparer.Ordinal);
    }
}
