using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Tests.Configuration;

public sealed class AppOptionsValidationTests
{
    private static AppOptions MyApp() => new()
    {
        Components = new(StringComparer.Ordinal)
        {
            ["blockchain"] = new() { Replicas = 3 },
            ["validator"] = new() { Replicas = 5 },
            ["agreement"] = new() { Replicas = 2 },
            ["ipfs"] = new() { Replicas = 3 },
        },
        Consensus = new() { Quorum = 4 },
    };

    private static List<string> Validate(string name, AppOptions app)
    {
        var options = new DashboardOptions { Apps = new(StringComparer.Ordinal) { [name] = app } };
        return new DashboardOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void Validate_TheBriefsApp_Succeeds()
    {
        Assert.Empty(Validate("my-app", MyApp()));
    }

    [Fact]
    public void Catalog_TheBriefsApp_BecomesATopologyWithRolesFromComponentNames()
    {
        var catalog = new AppCatalog(Options.Create(new DashboardOptions { Apps = new(StringComparer.Ordinal) { ["my-app"] = MyApp() } }));

        var app = Assert.Single(catalog.Apps);

        Assert.Equal(ProviderKind.Local, app.Provider);
        Assert.Equal(
            [("blockchain", ComponentRole.Blockchain, 3), ("validator", ComponentRole.Validator, 5), ("agreement", ComponentRole.Agreement, 2), ("ipfs", ComponentRole.Ipfs, 3)],
            app.Components.Select(c => (c.Name, c.Role, c.Replicas)));
        Assert.Equal(4, app.Consensus.EffectiveQuorum(app.ValidatorCount));
    }

    [Theory]
    [InlineData("My-App")]
    [InlineData("1app")]
    [InlineData("app_1")]
    [InlineData("")]
    public void Validate_BadAppName_NamesTheAppAndTheRule(string name)
    {
        var failure = Assert.Single(Validate(name, MyApp()));

        Assert.StartsWith($"Dashboard:Apps:{name}: an app name must be", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_QuorumAboveValidators_NamesTheKeyAndTheCount()
    {
        var app = MyApp();
        app.Consensus.Quorum = 6;

        var failure = Assert.Single(Validate("my-app", app));

        Assert.Equal("Dashboard:Apps:my-app:Consensus:Quorum: must be between 1 and the 5 validator replicas (was 6)", failure);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(201)]
    public void Validate_ReplicasOutOfRange_NamesTheComponent(int replicas)
    {
        var app = MyApp();
        app.Components["ipfs"].Replicas = replicas;

        var failure = Assert.Single(Validate("my-app", app));

        Assert.StartsWith("Dashboard:Apps:my-app:Components:ipfs:Replicas: must be between 0 and 200", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRole_NamesTheComponentsRoleKey()
    {
        var app = MyApp();
        app.Components["storage"] = new ComponentOptions { Replicas = 1 };

        var failure = Assert.Single(Validate("my-app", app));

        Assert.Equal("Dashboard:Apps:my-app:Components:storage:Role: must be blockchain, validator, agreement or ipfs (was 'storage')", failure);
    }

    [Fact]
    public void Validate_BlockchainWithoutValidators_SaysWhatItNeeds()
    {
        var app = MyApp();
        app.Components["validator"].Replicas = 0;
        app.Consensus.Quorum = null;

        var failure = Assert.Single(Validate("my-app", app));

        Assert.Equal("Dashboard:Apps:my-app:Components: the 3 blockchain replica(s) need at least one validator replica to follow", failure);
    }

    [Fact]
    public void Validate_HealthTimeoutNotBelowInterval_NamesTheKey()
    {
        var app = MyApp();
        app.HealthChecks.Timeout = app.HealthChecks.Interval;

        var failure = Assert.Single(Validate("my-app", app));

        Assert.StartsWith("Dashboard:Apps:my-app:HealthChecks:Timeout: must be more than zero and less than Interval", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProposerTimeoutNotAboveBlockTime_NamesTheKey()
    {
        var app = MyApp();
        app.Consensus.Timeout = app.Consensus.BlockTime;

        var failure = Assert.Single(Validate("my-app", app));

        Assert.StartsWith("Dashboard:Apps:my-app:Consensus:Timeout: must be longer than BlockTime", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnsupportedProvider_ListsTheSupportedOnes()
    {
        var app = MyApp();
        app.Provider = "Nomad";

        var failure = Assert.Single(Validate("my-app", app));

        Assert.Equal("Dashboard:Apps:my-app:Provider: must be one of Local, Docker, Watched (was 'Nomad')", failure);
    }

    [Fact]
    public void Validate_TwoAppsOnOneEntryPort_NamesTheSecond()
    {
        var options = new DashboardOptions { Apps = new(StringComparer.Ordinal) { ["app-a"] = MyApp(), ["app-b"] = MyApp() } };

        var failure = Assert.Single(new DashboardOptionsValidator().Validate(null, options).Failures!);

        Assert.Equal("Dashboard:Apps:app-b:EntryPoint:Port: 8545 is already the entry point of app-a", failure);
    }

    [Theory]
    [InlineData(3, 3, 0, false)]
    [InlineData(5, 4, 1, false)]
    [InlineData(4, 2, 2, true)]
    [InlineData(5, 3, 2, false)]
    [InlineData(6, 3, 3, true)]
    public void QuorumMath_ForValidatorSets_GivesLossesAndSplitBrainRisk(int validators, int quorum, int losses, bool splitBrain)
    {
        Assert.Equal(losses, QuorumMath.TolerableLosses(validators, quorum));
        Assert.Equal(splitBrain, QuorumMath.AllowsSplitBrain(validators, quorum));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(7, 5)]
    public void QuorumMath_ByzantineSafeQuorum_IsTwoThirdsPlusOne(int validators, int quorum)
    {
        Assert.Equal(quorum, QuorumMath.ByzantineSafeQuorum(validators));
    }
}
