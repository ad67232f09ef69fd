using System.Net;
using MetaNode.Devnet.Hosting;

namespace MetaNode.Devnet.Tests.Hosting;

/// <summary><see cref="NodeSettings.Parse"/>: the command line and environment, and a clear message per mistake.</summary>
public sealed class NodeSettingsTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static readonly string[] SoloValidator =
        ["--node-id", "validator-0", "--role", "validator", "--listen", "127.0.0.1:8545", "--validators", "validator-0=http://127.0.0.1:8545/"];

    [Fact]
    public void Parse_MinimalValidator_AppliesTheDefaults()
    {
        var settings = NodeSettings.Parse(SoloValidator, NoEnvironment, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal("validator-0", settings.NodeId);
        Assert.Equal(NodeRole.Validator, settings.Role);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8545), settings.Listen);
        Assert.Equal([new Peer("validator-0", new Uri("http://127.0.0.1:8545/"))], settings.Validators);
        Assert.Equal("devnet", settings.App);
        Assert.Equal(1337, settings.ChainId);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.BlockTime);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.EffectiveRoundTimeout);
        Assert.Equal(1, settings.EffectiveQuorum);
        Assert.Null(settings.AdminListen);
        Assert.Equal(0, settings.Many);
    }

    [Fact]
    public void Parse_EqualsForm_ReadsLikeSeparateValues()
    {
        string[] args =
        [
            "--node-id=validator-0", "--role=Validator", "--listen=127.0.0.1:8545", "--validators=validator-0=http://127.0.0.1:8545/",
            "--chain-id=99", "--block-time=250ms", "--round-timeout=1s", "--quorum=1", "--app=shop", "--label=x=y",
        ];

        var settings = NodeSettings.Parse(args, NoEnvironment, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal(NodeRole.Validator, settings.Role);
        Assert.Equal(99, settings.ChainId);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.BlockTime);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.EffectiveRoundTimeout);
        Assert.Equal("shop", settings.App);
        Assert.Equal("x=y", settings.Label);
    }

    [Fact]
    public void Parse_FromTheEnvironment_ReadsMetaNodeVariables()
    {
        var environment = new Dictionary<string, string>
        {
            ["METANODE_NODE_ID"] = "blockchain-0",
            ["METANODE_ROLE"] = "blockchain",
            ["METANODE_LISTEN"] = "127.0.0.1:8600",
            ["METANODE_ADMIN_LISTEN"] = "127.0.0.1:8601",
            ["METANODE_ADMIN_TOKEN"] = "secret",
            ["METANODE_VALIDATORS"] = "validator-0=http://127.0.0.1:8545/, validator-1=http://127.0.0.1:8546/",
            ["METANODE_BLOCK_TIME"] = "2s",
            ["METANODE_DATA_DIR"] = "/tmp/chain",
            ["PATH"] = "/usr/bin",
        };

        var settings = NodeSettings.Parse([], environment, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal("blockchain-0", settings.NodeId);
        Assert.Equal(NodeRole.Blockchain, settings.Role);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8601), settings.AdminListen);
        Assert.Equal("secret", settings.AdminToken);
        Assert.Equal(["validator-0", "validator-1"], settings.Validators.Select(v => v.Id));
        Assert.Equal(TimeSpan.FromSeconds(2), settings.BlockTime);
        Assert.Equal("/tmp/chain", settings.DataDirectory);
        Assert.Equal(2, settings.EffectiveQuorum);
    }

    [Fact]
    public void Parse_CommandLineAndEnvironment_CommandLineWins()
    {
        var environment = new Dictionary<string, string> { ["METANODE_CHAIN_ID"] = "5", ["METANODE_APP"] = "from-env" };

        var settings = NodeSettings.Parse([.. SoloValidator, "--chain-id", "7"], environment, out var problems);

        Assert.Empty(problems);
        Assert.Equal(7, settings!.ChainId);
        Assert.Equal("from-env", settings.App);
    }

    [Fact]
    public void Parse_UnrelatedMetaNodeVariable_IsIgnored()
    {
        var environment = new Dictionary<string, string> { ["METANODE_REQUIRE_ALL"] = "1" };

        var settings = NodeSettings.Parse(SoloValidator, environment, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60_000)]
    [InlineData("750", 750)]
    public void Parse_Durations_ReadMillisecondsSecondsAndMinutes(string text, int milliseconds)
    {
        var settings = NodeSettings.Parse([.. SoloValidator, "--block-time", text], NoEnvironment, out var problems);

        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), settings!.BlockTime);
    }

    [Theory]
    [InlineData(new[] { "--colour", "blue" }, "unknown option --colour")]
    [InlineData(new[] { "--colour=blue" }, "unknown option --colour")]
    [InlineData(new[] { "stray" }, "unexpected argument 'stray'")]
    [InlineData(new[] { "--listen", "localhost:8545" }, "--listen must be address:port")]
    [InlineData(new[] { "--listen", "127.0.0.1" }, "--listen must be address:port")]
    [InlineData(new[] { "--listen", "127.0.0.1:0" }, "--listen must be address:port")]
    [InlineData(new[] { "--listen", "127.0.0.1:70000" }, "--listen must be address:port")]
    [InlineData(new[] { "--admin-listen", "anywhere" }, "--admin-listen must be address:port")]
    [InlineData(new[] { "--admin-listen", "127.0.0.1:8546" }, "--admin-listen needs a token")]
    [InlineData(new[] { "--block-time", "fast" }, "--block-time must be a duration")]
    [InlineData(new[] { "--block-time", "10ms" }, "--block-time must be between 50ms and 10m")]
    [InlineData(new[] { "--block-time", "11m" }, "--block-time must be between 50ms and 10m")]
    [InlineData(new[] { "--block-time", "-1s" }, "--block-time must be a duration")]
    [InlineData(new[] { "--block-time", "2h" }, "--block-time must be a duration")]
    [InlineData(new[] { "--round-timeout", "0" }, "--round-timeout must be a duration")]
    [InlineData(new[] { "--round-timeout", "soon" }, "--round-timeout must be a duration")]
    [InlineData(new[] { "--round-timeout", "0.5ms" }, "--round-timeout must be at least 50ms")]
    [InlineData(new[] { "--quorum", "0" }, "--quorum must be a whole number from 1 to 1000")]
    [InlineData(new[] { "--quorum", "two" }, "--quorum must be a whole number")]
    [InlineData(new[] { "--chain-id", "0" }, "--chain-id must be a whole number")]
    [InlineData(new[] { "--many", "5001" }, "--many must be a whole number from 0 to 5000")]
    [InlineData(new[] { "--role", "miner" }, "--role must be one of blockchain, validator, agreement, ipfs")]
    [InlineData(new[] { "--validators", "validator-0" }, "--validators entries must be id=http://host:port")]
    [InlineData(new[] { "--validators", "validator-0=ftp://127.0.0.1:8545/" }, "--validators entries must be id=http://host:port")]
    [InlineData(new[] { "--peers", "=http://127.0.0.1:8545/" }, "--peers entries must be id=http://host:port")]
    [InlineData(new[] { "--label" }, "--label needs a value")]
    public void Parse_BadOption_NamesTheOptionAndTheRule(string[] extra, string expected)
    {
        var settings = NodeSettings.Parse([.. SoloValidator, .. extra], NoEnvironment, out var problems);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--node-id", "--node-id is required")]
    [InlineData("--role", "--role must be one of")]
    [InlineData("--listen", "--listen is required")]
    public void Parse_MissingRequiredOption_SaysItIsRequired(string missing, string expected)
    {
        var args = new List<string>(SoloValidator);
        var at = args.IndexOf(missing);
        args.RemoveRange(at, 2);

        var settings = NodeSettings.Parse(args, NoEnvironment, out var problems);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NothingAtAll_ReportsEveryMissingOptionAtOnce()
    {
        var settings = NodeSettings.Parse([], NoEnvironment, out var problems);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains("--node-id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--role", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--listen", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_QuorumLargerThanTheValidators_SaysNoBlockCouldCommit()
    {
        string[] args =
        [
            "--node-id", "validator-0", "--role", "validator", "--listen", "127.0.0.1:8545",
            "--validators", "validator-0=http://127.0.0.1:8545/,validator-1=http://127.0.0.1:8546/", "--quorum", "3",
        ];

        var settings = NodeSettings.Parse(args, NoEnvironment, out var problems);

        Assert.Null(settings);
        var problem = Assert.Single(problems);
        Assert.Contains("--quorum 3 is larger than the 2 validators", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidatorMissingFromItsOwnList_SaysSo()
    {
        string[] args =
        [
            "--node-id", "validator-2", "--role", "validator", "--listen", "127.0.0.1:8545",
            "--validators", "validator-0=http://127.0.0.1:8545/,validator-1=http://127.0.0.1:8546/",
        ];

        var settings = NodeSettings.Parse(args, NoEnvironment, out var problems);

        Assert.Null(settings);
        var problem = Assert.Single(problems);
        Assert.Contains("--validators must include this validator's own id 'validator-2'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidatorListedTwice_SaysSo()
    {
        var settings = NodeSettings.Parse(
            [.. SoloValidator[..6], "--validators", "validator-0=http://127.0.0.1:8545/,validator-0=http://127.0.0.1:8546/"],
            NoEnvironment,
            out var problems);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains("--validators lists an id twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BlockchainNodeWithNothingToFollow_SaysWhatItNeeds()
    {
        var settings = NodeSettings.Parse(["--node-id", "blockchain-0", "--role", "blockchain", "--listen", "127.0.0.1:8600"], NoEnvironment, out var problems);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains("--validators or --peers", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ManyNodesMode_SkipsTheValidatorSetChecks()
    {
        var settings = NodeSettings.Parse(["--node-id", "load", "--role", "validator", "--listen", "127.0.0.1:9000", "--many", "50"], NoEnvironment, out var problems);

        Assert.Empty(problems);
        Assert.Equal(50, settings!.Many);
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEachOne()
    {
        string[] args = ["--node-id", "validator-0", "--role", "validator", "--listen", "nowhere", "--block-time", "fast", "--bogus", "1"];

        var settings = NodeSettings.Parse(args, NoEnvironment, out var problems);

        Assert.Null(settings);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--listen", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--block-time", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--bogus", StringComparison.Ordinal));
    }
}
