using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Hosting;

/// <summary>The real MetaNode.Devnet program: exit code 2 on settings that cannot work, fast start, clean stop.</summary>
public sealed class DevnetProcessTests : IDisposable
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _work = new("metanode-devnet-process");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Process_SeveralBadOptions_ExitsWithCode2ListingEachProblem()
    {
        var (exitCode, output) = await DevnetProcess.RunToExitAsync(
            ["--node-id", "validator-0", "--role", "validator", "--listen", "nowhere", "--block-time", "fast", "--bogus", "1"],
            _work.Path,
            ExitDeadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("the settings cannot work", output, StringComparison.Ordinal);
        Assert.Contains("  - --listen must be address:port", output, StringComparison.Ordinal);
        Assert.Contains("  - --block-time must be a duration", output, StringComparison.Ordinal);
        Assert.Contains("  - unknown option --bogus", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_ImpossibleValidatorSet_ExitsWithCode2NamingQuorumAndOwnId()
    {
        var port = FreePorts.One();

        var (exitCode, output) = await DevnetProcess.RunToExitAsync(
            ["--node-id", "validator-2", "--role", "validator", "--listen", $"127.0.0.1:{port}", "--validators", "validator-0=http://127.0.0.1:1/", "--quorum", "2"],
            _work.Path,
            ExitDeadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("--validators must include this validator's own id 'validator-2'", output, StringComparison.Ordinal);
        Assert.Contains("--quorum 2 is larger than the 1 validators", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_NoSettingsAtAll_ExitsWithCode2NamingTheRequiredOptions()
    {
        var (exitCode, output) = await DevnetProcess.RunToExitAsync([], _work.Path, ExitDeadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("--node-id is required", output, StringComparison.Ordinal);
        Assert.Contains("--role must be one of", output, StringComparison.Ordinal);
        Assert.Contains("--listen is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_SubMillisecondRoundTimeout_ExitsWithCode2InsteadOfCrashing()
    {
        var port = FreePorts.One();

        var (exitCode, output) = await DevnetProcess.RunToExitAsync(
            ["--node-id", "validator-0", "--role", "validator", "--listen", $"127.0.0.1:{port}", "--validators", $"validator-0=http://127.0.0.1:{port}/", "--round-timeout", "0.5ms"],
            _work.Path,
            ExitDeadline);

        Assert.Equal(2, exitCode);
        Assert.Contains("--round-timeout must be at least 50ms", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_SoloValidator_ServesWithinSecondsCommitsAndStopsCleanlyOnSigterm()
    {
        var port = FreePorts.One();
        var clock = Stopwatch.StartNew();
        await using var node = DevnetProcess.Start(
            port,
            ["--node-id", "validator-0", "--role", "validator", "--listen", $"127.0.0.1:{port}", "--validators", $"validator-0=http://127.0.0.1:{port}/", "--block-time", "200ms"],
            _work.Path);

        await Eventually.UntilAsync(async () => await HealthAsync(node) == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the devnet process to answer /health");
        var startup = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"devnet process answered /health {startup.TotalMilliseconds:0} ms after start");
        // Typically well under a second; the bound leaves room for a loaded two-core machine.
        Assert.True(startup < TimeSpan.FromSeconds(15), $"the devnet took {startup.TotalSeconds:0.0} s to serve\n{node.Output}");
        await Eventually.UntilAsync(
            async () => await HeightAsync(node) >= 2,
            TimeSpan.FromSeconds(30),
            "the devnet process to commit block 2");

        await node.TerminateAsync();

        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("validator-0 (validator) serving on 127.0.0.1:" + port, node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_SettingsAndTokenFromTheEnvironment_AreUsed()
    {
        var port = FreePorts.One();
        var adminPort = FreePorts.One();
        var environment = new Dictionary<string, string>
        {
            ["METANODE_CHAIN_ID"] = "777",
            ["METANODE_ADMIN_TOKEN"] = "token-from-env",
            ["METANODE_VALIDATORS"] = $"validator-0=http://127.0.0.1:{port}/",
        };
        await using var node = DevnetProcess.Start(
            port,
            ["--node-id", "validator-0", "--role", "validator", "--listen", $"127.0.0.1:{port}", "--admin-listen", $"127.0.0.1:{adminPort}"],
            _work.Path,
            environment);

        await Eventually.UntilAsync(async () => await HealthAsync(node) == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the devnet process to answer /health");
        using var rpc = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"net_version"}""");
        using var version = await node.Http.PostAsync(node.RpcAddress, rpc, TestContext.Current.CancellationToken);
        Assert.Contains("\"777\"", await version.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var admin = DevnetNode.CreateClient(DevnetNode.UrlOf(adminPort), TimeSpan.FromSeconds(30));
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-from-env");
        var status = await admin.GetStringAsync(new Uri("admin/status", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains($"\"pid\":{node.Id}", status, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> HealthAsync(DevnetProcess node)
    {
        using var response = await node.Http.GetAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<long> HeightAsync(DevnetProcess node)
    {
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}""");
        using var response = await node.Http.PostAsync(node.RpcAddress, content, TestContext.Current.CancellationToken);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return WireFormat.ToLong((string?)body["result"]);
    }
}
