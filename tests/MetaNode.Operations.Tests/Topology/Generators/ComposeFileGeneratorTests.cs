extern alias devnet;
using System.Text.Json.Nodes;
using devnet::MetaNode.Devnet.Hosting;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators.Compose;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>The generated docker-compose.yml: parsed back, it runs every node as the devnet and the Docker provider expect.</summary>
public sealed class ComposeFileGeneratorTests
{
    private const string Token = "compose-test-token";

    [Fact]
    public void Generate_TheBriefsApp_WritesTheComposeFileAndTheHaproxyConfigItMounts()
    {
        var files = ComposeFileGenerator.Generate(SampleDesigns.MyApp(), SampleDesigns.Options);

        Assert.Equal(["docker-compose.yml", "haproxy.cfg"], files.Select(f => f.Name));
        Assert.Equal(["./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"], Strings(Compose()["services"]!["haproxy"]!["volumes"]));
    }

    [Fact]
    public void Generate_TheBriefsApp_OneServicePerReplicaPlusTheLoadBalancer()
    {
        var services = Compose()["services"]!.AsObject();

        Assert.Equal(
            [
                "blockchain-0", "blockchain-1", "blockchain-2",
                "validator-0", "validator-1", "validator-2", "validator-3", "validator-4",
                "agreement-0", "agreement-1", "ipfs-0", "ipfs-1", "ipfs-2", "haproxy",
            ],
            services.Select(s => s.Key));
        Assert.Equal("my-app", (string?)Compose()["name"]);
    }

    [Fact]
    public void Generate_Nodes_CarryTheLabelsTheDockerProviderDiscoversThemByWithRoundRobinZones()
    {
        var services = Compose()["services"]!;

        var validator = services["validator-3"]!["labels"]!;
        Assert.Equal("my-app", (string?)validator["metanode.app"]);
        Assert.Equal("validator", (string?)validator["metanode.component"]);
        Assert.Equal("validator-3", (string?)validator["metanode.node"]);
        Assert.Equal("validator", (string?)validator["metanode.role"]);
        Assert.Equal("8545", (string?)validator["metanode.rpc-port"]);
        Assert.Equal("1790000000000", (string?)validator["metanode.genesis-time"]);
        // Five zones over two regions, replica i in zone i mod 5.
        Assert.Equal(
            [("eu-west-1a", "eu-west-1"), ("eu-west-1b", "eu-west-1"), ("eu-west-1c", "eu-west-1"), ("eu-central-1a", "eu-central-1"), ("eu-central-1b", "eu-central-1")],
            Enumerable.Range(0, 5).Select(i => ((string?)services[$"validator-{i}"]!["labels"]!["metanode.zone"], (string?)services[$"validator-{i}"]!["labels"]!["metanode.region"])));
        Assert.Null(services["haproxy"]!["labels"]);
    }

    [Fact]
    public void Generate_ComponentWithItsOwnZones_GoesRoundRobinOverThoseOnly()
    {
        var design = SampleDesigns.MyApp().WithComponent("ipfs", c => c with
        {
            Zones = [new ZoneRef("eu-central-1", "eu-central-1b"), new ZoneRef("eu-west-1", "eu-west-1c")],
        });

        var services = Compose(design)["services"]!;

        Assert.Equal(
            ["eu-central-1b", "eu-west-1c", "eu-central-1b"],
            Enumerable.Range(0, 3).Select(i => (string?)services[$"ipfs-{i}"]!["labels"]!["metanode.zone"]));
    }

    [Fact]
    public void Generate_DesignWithoutZones_LeavesZoneLabelsOut()
    {
        var labels = Compose(SampleDesigns.NoZones())["services"]!["validator-0"]!["labels"]!.AsObject();

        Assert.False(labels.ContainsKey("metanode.zone"));
        Assert.False(labels.ContainsKey("metanode.region"));
    }

    [Fact]
    public void Generate_Nodes_HealthCheckRunsTheDevnetsOwnCheckOfHealthAtThePolicysPace()
    {
        var design = SampleDesigns.MyApp() with
        {
            Policy = SampleDesigns.MyApp().Policy with { HealthChecks = new HealthCheckSettings(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(750), 3) },
        };

        var check = Compose(design)["services"]!["blockchain-1"]!["healthcheck"]!;

        Assert.Equal(["CMD", "/metanode-devnet", "health", "http://127.0.0.1:8545/health"], Strings(check["test"]));
        Assert.Equal(("2s", "750ms", 3L), ((string?)check["interval"], (string?)check["timeout"], (long?)check["retries"]));
        Assert.Equal("30s", (string?)check["start_period"]);
    }

    [Fact]
    public void Generate_Nodes_ResourcesVolumesNetworkAndRestartPolicy()
    {
        var services = Compose()["services"]!;

        var validator = services["validator-0"]!;
        Assert.Equal(("1.0", "2048M"), ((string?)validator["deploy"]!["resources"]!["limits"]!["cpus"], (string?)validator["deploy"]!["resources"]!["limits"]!["memory"]));
        Assert.Equal(("0.5", "512M"), ((string?)validator["deploy"]!["resources"]!["reservations"]!["cpus"], (string?)validator["deploy"]!["resources"]!["reservations"]!["memory"]));
        Assert.Equal(["validator-0-data:/data"], Strings(validator["volumes"]));
        Assert.Equal(["cluster"], Strings(validator["networks"]));
        Assert.Equal("unless-stopped", (string?)validator["restart"]);
        Assert.Equal("300s", (string?)validator["stop_grace_period"]);
        Assert.Null(services["agreement-0"]!["volumes"]); // no storage designed
        Assert.Equal("bridge", (string?)Compose()["networks"]!["cluster"]!["driver"]);
        Assert.Equal("validator-0", (string?)Compose()["volumes"]!["validator-0-data"]!["labels"]!["metanode.node"]);
    }

    [Fact]
    public void Generate_LoadBalancer_PublishesTheRpcEntryAndKeepsStatsOnLoopback()
    {
        var haproxy = Compose()["services"]!["haproxy"]!;

        Assert.Equal("haproxy:2.6", (string?)haproxy["image"]);
        Assert.Equal(["8545:8545", "127.0.0.1:8404:8404"], Strings(haproxy["ports"]));
        Assert.Equal(["cluster"], Strings(haproxy["networks"]));
    }

    [Fact]
    public void Generate_DesignWithoutBlockchainNodes_HasNoLoadBalancer()
    {
        var design = SampleDesigns.MyApp() with { Components = [.. SampleDesigns.MyApp().Components.Where(c => c.Name != "blockchain")] };

        Assert.False(Compose(design)["services"]!.AsObject().ContainsKey("haproxy"));
    }

    [Fact]
    public void Generate_EveryNode_CommandIsADevnetCommandLineItsSettingsAccept()
    {
        var services = Compose()["services"]!.AsObject().Where(s => s.Key != "haproxy").ToList();
        var environment = new Dictionary<string, string> { ["METANODE_ADMIN_TOKEN"] = Token };

        Assert.All(services, service =>
        {
            var settings = NodeSettings.Parse(Strings(service.Value!["command"]), environment, out var problems);
            Assert.Empty(problems);
            Assert.Equal(service.Key, settings!.NodeId);
            Assert.Equal(8546, settings.AdminListen!.Port);
        });
    }

    [Fact]
    public void Generate_ChainNodes_ReachEveryValidatorAndFollowerByServiceName()
    {
        var command = Strings(Compose()["services"]!["validator-2"]!["command"]);

        var settings = NodeSettings.Parse(command, new Dictionary<string, string> { ["METANODE_ADMIN_TOKEN"] = Token }, out _)!;

        Assert.Equal(NodeRole.Validator, settings.Role);
        Assert.Equal(4, settings.EffectiveQuorum);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => new Peer($"validator-{i}", new Uri($"http://validator-{i}:8545/"))), settings.Validators);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => new Peer($"blockchain-{i}", new Uri($"http://blockchain-{i}:8545/"))), settings.Peers);
    }

    [Fact]
    public void Generate_AdminToken_ComesFromTheEnvironmentAndIsRequired()
    {
        var environment = Compose()["services"]!["ipfs-0"]!["environment"]!;

        Assert.StartsWith("${METANODE_ADMIN_TOKEN:?", (string?)environment["METANODE_ADMIN_TOKEN"], StringComparison.Ordinal);
    }

    private static JsonNode Compose(TopologyDesign? design = null)
    {
        var file = ComposeFileGenerator.Generate(design ?? SampleDesigns.MyApp(), SampleDesigns.Options)[0];
        return Assert.Single(YamlToJson.Documents(file.Content))!;
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];
}
