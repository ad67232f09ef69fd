using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Validation;

namespace MetaNode.Operations.Tests.Topology.Validation;

/// <summary>Every design rule, broken and just not broken, on the product brief's my-app.</summary>
public sealed class TopologyValidatorTests
{
    public static TheoryData<string> Rules => [.. RuleCases.All.Keys];

    [Fact]
    public void Validate_MyAppInThreeZones_HasNoIssue()
    {
        Assert.Empty(TopologyValidator.Validate(Designs.MyApp()));
    }

    [Fact]
    public void Validate_ConfiguredDefaultAppOpenedInTheDesigner_HasNoIssue()
    {
        var app = new AppTopology
        {
            Name = "my-app",
            Provider = ProviderKind.Local,
            Components =
            [
                new ComponentSpec("blockchain", ComponentRole.Blockchain, 3),
                new ComponentSpec("validator", ComponentRole.Validator, 5),
                new ComponentSpec("agreement", ComponentRole.Agreement, 2),
                new ComponentSpec("ipfs", ComponentRole.Ipfs, 3),
            ],
            Consensus = ConsensusPolicy.Default with { Quorum = 4 },
        };

        Assert.Empty(TopologyValidator.Validate(TopologyDesign.FromAppTopology(app)));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_DesignBreakingTheRule_ReportsItOnItsFieldWithTheNumbers(string rule)
    {
        var @case = RuleCases.All[rule];

        var issues = TopologyValidator.Validate(@case.Break(Designs.MyApp()));

        var issue = Assert.Single(issues, i => i.Rule == rule && i.Field == @case.Field);
        Assert.Equal(TopologyRules.Get(rule).Severity, issue.Severity);
        Assert.All(@case.Numbers, n => Assert.Contains(n, issue.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_NearestDesignKeepingTheRule_DoesNotReportIt(string rule)
    {
        var issues = TopologyValidator.Validate(RuleCases.All[rule].Boundary(Designs.MyApp()));

        Assert.DoesNotContain(issues, i => i.Rule == rule);
    }

    [Fact]
    public void Rules_EveryDesignRule_HasACase()
    {
        var designRules = TopologyRules.All.TakeWhile(r => r.Id != TopologyRules.DocumentTooLarge).Select(r => r.Id);

        Assert.Empty(designRules.Except(RuleCases.All.Keys));
    }

    [Theory]
    [InlineData("my-app-")]
    [InlineData("9app")]
    [InlineData("my-app\n")]
    [InlineData("")]
    public void Validate_ComponentNameNotALabel_IsReportedOnTheComponent(string name)
    {
        var design = Designs.MyApp().WithComponent("ipfs", c => c with { Name = name });

        var issue = Assert.Single(TopologyValidator.Validate(design), i => i.Rule == TopologyRules.NameNotDnsLabel);

        Assert.Equal(string.IsNullOrEmpty(name) ? "components[3].name" : $"components[{name}].name", issue.Field);
    }

    [Fact]
    public void Validate_TooManyReplicas_IsOutOfRange()
    {
        var issue = Assert.Single(TopologyValidator.Validate(Designs.MyApp().WithReplicas("ipfs", 201)), i => i.Rule == TopologyRules.ReplicasOutOfRange);

        Assert.Contains("201", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("W. Europe Standard Time")]
    [InlineData("utc ")]
    public void Validate_TimeZoneNotAnIanaId_IsRefused(string zone)
    {
        var design = Designs.MyApp().WithPolicy(p => p with { Maintenance = p.Maintenance with { TimeZone = zone } });

        Assert.Contains(TopologyValidator.Validate(design), i => i.Rule == TopologyRules.TimeZoneNotIana);
    }

    [Theory]
    [InlineData("101%")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    public void Validate_MaxUnavailableNeitherCountNorPercentage_IsRefused(string value)
    {
        var design = Designs.MyApp().WithPolicy(p => p with { Maintenance = p.Maintenance with { MaxUnavailable = value } });

        Assert.Contains(TopologyValidator.Validate(design), i => i.Rule == TopologyRules.MaxUnavailableInvalid);
    }

    [Theory]
    [InlineData("not a uri", TopologyRules.StorageUriInvalid)]
    [InlineData("/var/backups", TopologyRules.StorageUriInvalid)]
    [InlineData("file://server/share", TopologyRules.StorageUriInvalid)]
    [InlineData("https://backups.example/x", TopologyRules.StorageUriSchemeUnsupported)]
    public void Validate_BadStorageUri_NamesTheRule(string uri, string rule)
    {
        var design = Designs.MyApp().WithPolicy(p => p with { Backups = p.Backups with { StorageUri = uri } });

        Assert.Contains(TopologyValidator.Validate(design), i => i.Rule == rule);
    }

    [Fact]
    public void Validate_TwoValidatorsLeavingNoMargin_SaysMaintenanceNeedsAnOverride()
    {
        var design = Designs.MyApp().WithQuorum(5);

        var issue = Assert.Single(TopologyValidator.Validate(design), i => i.Rule == TopologyRules.MaxUnavailableExceedsQuorumMargin);

        Assert.Contains("none can be down", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IssueToString_ReadsAsOneLine()
    {
        var issue = TopologyValidator.Validate(Designs.MyApp().WithQuorum(6)).Single();

        Assert.Equal("error quorum-exceeds-validators: ha_policy.consensus.quorum: quorum 6 exceeds the 5 validators: no block can ever be committed; use at most 5", issue.ToString());
    }
}
