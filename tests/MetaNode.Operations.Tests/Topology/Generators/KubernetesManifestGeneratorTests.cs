extern alias devnet;
using devnet::MetaNode.Devnet.Hosting;
using k8s.Models;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators.Kubernetes;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>What the Kubernetes manifests say: placement, budgets, probes, resources and the devnet command line.</summary>
public sealed class KubernetesManifestGeneratorTests
{
    private const string ZoneKey = "topology.kubernetes.io/zone";
    private const string HostKey = "kubernetes.io/hostname";

    [Fact]
    public void Generate_TheBriefsApp_WritesOneFilePerComponentAndAKustomizationListingThemAll()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp());

        Assert.Equal(
            ["namespace.yaml", "rpc-service.yaml", "blockchain.yaml", "validator.yaml", "agreement.yaml", "ipfs.yaml", "kustomization.yaml"],
            manifests.Files.Select(f => f.Name));
        var kustomization = manifests.File("kustomization.yaml").Content;
        Assert.All(manifests.Files.SkipLast(1), f => Assert.Contains($"  - {f.Name}\n", kustomization, StringComparison.Ordinal));
        Assert.All(manifests.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace), o => Assert.Equal("my-app", o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Generate_AnyComponent_StatefulSetNamesPodsLikeNodesAndPublishesThemBeforeTheyAreReady()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp());

        var statefulSet = manifests.Named<V1StatefulSet>("validator");
        var headless = Assert.Single(manifests.All<V1Service>(), s => s.Metadata.Name == "validator");

        Assert.Equal("validator", statefulSet.Spec.ServiceName);
        Assert.Equal(5, statefulSet.Spec.Replicas);
        Assert.Equal("Parallel", statefulSet.Spec.PodManagementPolicy);
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses);
        Assert.Equal(statefulSet.Spec.Selector.MatchLabels, headless.Spec.Selector);
    }

    [Fact]
    public void Generate_TheBriefsApp_LabelsEveryPodForToolsAndForTheDashboard()
    {
        var pod = GeneratedManifests.Of(SampleDesigns.MyApp()).Named<V1StatefulSet>("ipfs").Spec.Template.Metadata.Labels;

        Assert.Equal("metanode", pod["app.kubernetes.io/name"]);
        Assert.Equal("ipfs", pod["app.kubernetes.io/component"]);
        Assert.Equal("my-app", pod["metanode.app"]);
        Assert.Equal("ipfs", pod["metanode.component"]);
        Assert.Equal("ipfs", pod["metanode.role"]);
    }

    [Fact]
    public void Generate_RpcEntry_IsAClusterIpServiceOverEveryBlockchainNode()
    {
        var rpc = GeneratedManifests.Of(SampleDesigns.MyApp()).Named<V1Service>("my-app-rpc");

        Assert.Equal("ClusterIP", rpc.Spec.Type);
        Assert.Equal(new Dictionary<string, string> { ["metanode.app"] = "my-app", ["metanode.role"] = "blockchain" }, rpc.Spec.Selector);
        var port = Assert.Single(rpc.Spec.Ports);
        Assert.Equal(8545, port.Port);
        Assert.Equal("rpc", port.TargetPort.Value);
    }

    [Theory]
    [InlineData("1", null, 4)] // BFT quorum of 5 is 4: one validator may go
    [InlineData("2", 3, 3)] // quorum 3 leaves two
    [InlineData("1", 3, 4)] // maintenance allows one at a time, stricter than the quorum
    [InlineData("100%", 5, 5)] // quorum 5 of 5: no voluntary disruption at all
    public void Generate_Validators_DisruptionBudgetNeverLetsConsensusBreak(string maxUnavailable, int? quorum, int expected)
    {
        var design = SampleDesigns.MyApp().WithBudget(maxUnavailable, quorum);

        var budget = GeneratedManifests.Of(design).Named<V1PodDisruptionBudget>("validator");

        Assert.Equal(expected, MinAvailable(budget));
        Assert.Null(budget.Spec.MaxUnavailable);
    }

    [Fact]
    public void Generate_TwoValidatorComponents_ShareTheQuorumsLossesBetweenTheirBudgets()
    {
        var design = SampleDesigns.MyApp().WithBudget("2", 5) with
        {
            Components = [.. SampleDesigns.MyApp().Components, ComponentDesign.Default("validator-eu", ComponentRole.Validator, 2)],
        };

        var manifests = GeneratedManifests.Of(design);

        // 7 validators, quorum 5: two may go in all, and the first component takes both.
        Assert.Equal(3, MinAvailable(manifests.Named<V1PodDisruptionBudget>("validator")));
        Assert.Equal(2, MinAvailable(manifests.Named<V1PodDisruptionBudget>("validator-eu")));
    }

    [Theory]
    [InlineData("1", 2)]
    [InlineData("2", 1)]
    [InlineData("25%", 2)] // a quarter of 3 rounds down to 0, but maintenance must progress: 1
    [InlineData("100%", 0)]
    public void Generate_OtherComponents_DisruptionBudgetFollowsMaintenanceMaxUnavailable(string maxUnavailable, int expected)
    {
        var design = SampleDesigns.MyApp().WithBudget(maxUnavailable, null);

        var budget = GeneratedManifests.Of(design).Named<V1PodDisruptionBudget>("blockchain");

        Assert.Equal(expected, MinAvailable(budget));
    }

    [Fact]
    public void Generate_RequiredAntiAffinity_NeverTwoReplicasInOneZoneAndAHardEvenSpread()
    {
        var pod = GeneratedManifests.Of(SampleDesigns.MyApp()).Named<V1StatefulSet>("validator").Spec.Template.Spec;

        var term = Assert.Single(pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal(ZoneKey, term.TopologyKey);
        Assert.Equal("validator", term.LabelSelector.MatchLabels["metanode.component"]);
        Assert.Null(pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        var spread = Assert.Single(pod.TopologySpreadConstraints);
        Assert.Equal((ZoneKey, 1, "DoNotSchedule", 5), (spread.TopologyKey, spread.MaxSkew, spread.WhenUnsatisfiable, spread.MinDomains));
    }

    [Fact]
    public void Generate_PreferredAntiAffinity_ApartOnHostsWhenPossibleAndASoftSpread()
    {
        var pod = GeneratedManifests.Of(SampleDesigns.MyApp()).Named<V1StatefulSet>("agreement").Spec.Template.Spec;

        var term = Assert.Single(pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal((HostKey, 100), (term.PodAffinityTerm.TopologyKey, term.Weight));
        Assert.Null(pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("ScheduleAnyway", Assert.Single(pod.TopologySpreadConstraints).WhenUnsatisfiable);
    }

    [Fact]
    public void Generate_ComponentPlacedInSomeZones_NodeAffinityRestrictsItToThoseRegionsAndZones()
    {
        var design = SampleDesigns.MyApp().WithComponent("ipfs", c => c with
        {
            Zones = [new ZoneRef("eu-west-1", "eu-west-1a"), new ZoneRef("eu-west-1", "eu-west-1b")],
        });

        var pod = GeneratedManifests.Of(design).Named<V1StatefulSet>("ipfs").Spec.Template.Spec;

        var requirements = Assert.Single(pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms).MatchExpressions;
        Assert.Equal(["topology.kubernetes.io/region", ZoneKey], requirements.Select(r => r.Key));
        Assert.All(requirements, r => Assert.Equal("In", r.OperatorProperty));
        Assert.Equal(["eu-west-1"], requirements[0].Values);
        Assert.Equal(["eu-west-1a", "eu-west-1b"], requirements[1].Values);
    }

    [Fact]
    public void Generate_DesignWithoutZones_NoNodeAffinityOrSpreadAndRequiredMeansApartOnHosts()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.NoZones());

        var validator = manifests.Named<V1StatefulSet>("validator").Spec.Template.Spec;
        var ipfs = manifests.Named<V1StatefulSet>("ipfs").Spec.Template.Spec;

        Assert.Null(validator.Affinity.NodeAffinity);
        Assert.Null(validator.TopologySpreadConstraints);
        Assert.Equal(HostKey, Assert.Single(validator.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution).TopologyKey);
        Assert.Equal(HostKey, Assert.Single(ipfs.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution).PodAffinityTerm.TopologyKey);
    }

    [Fact]
    public void Generate_NoAntiAffinity_LeavesPodAntiAffinityOut()
    {
        var design = SampleDesigns.NoZones().WithComponent("agreement", c => c with { AntiAffinity = AntiAffinity.None });

        var pod = GeneratedManifests.Of(design).Named<V1StatefulSet>("agreement").Spec.Template.Spec;

        Assert.Null(pod.Affinity);
    }

    [Fact]
    public void Generate_HealthPolicy_SetsProbesOnHealthWithItsPaceAndFailoverDetection()
    {
        var design = SampleDesigns.MyApp() with
        {
            Policy = SampleDesigns.MyApp().Policy with
            {
                HealthChecks = new HealthCheckSettings(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1500), 3),
                Failover = SampleDesigns.MyApp().Policy.Failover with { DetectionTimeout = TimeSpan.FromSeconds(15) },
            },
        };

        var container = Assert.Single(GeneratedManifests.Of(design).Named<V1StatefulSet>("blockchain").Spec.Template.Spec.Containers);

        foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe })
        {
            Assert.Equal(("/health", "rpc"), (probe.HttpGet.Path, probe.HttpGet.Port.Value));
            Assert.Equal((2, 2), (probe.PeriodSeconds, probe.TimeoutSeconds));
        }

        Assert.Equal(3, container.ReadinessProbe.FailureThreshold); // the policy's retries
        Assert.Equal(8, container.LivenessProbe.FailureThreshold); // 15 s detection / 2 s, rounded up
        Assert.Equal(150, container.StartupProbe.FailureThreshold); // five minutes to catch up
    }

    [Fact]
    public void Generate_ResourcesAndStorage_FromTheComponentDesign()
    {
        var design = SampleDesigns.MyApp().WithComponent("ipfs", c => c with { Resources = new ResourceSpec(250, 1500, 768, 3072), StorageGiB = 500 });

        var statefulSet = GeneratedManifests.Of(design).Named<V1StatefulSet>("ipfs");
        var container = Assert.Single(statefulSet.Spec.Template.Spec.Containers);

        Assert.Equal(("250m", "768Mi"), (container.Resources.Requests["cpu"].ToString(), container.Resources.Requests["memory"].ToString()));
        Assert.Equal(("1500m", "3Gi"), (container.Resources.Limits["cpu"].ToString(), container.Resources.Limits["memory"].ToString()));
        var claim = Assert.Single(statefulSet.Spec.VolumeClaimTemplates);
        Assert.Equal("500Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Contains(container.VolumeMounts, m => (m.Name, m.MountPath) == ("data", "/data"));
    }

    [Fact]
    public void Generate_ComponentWithoutStorage_HasNoVolumeClaim()
    {
        var statefulSet = GeneratedManifests.Of(SampleDesigns.MyApp()).Named<V1StatefulSet>("agreement");

        Assert.Null(statefulSet.Spec.VolumeClaimTemplates);
        Assert.DoesNotContain(Assert.Single(statefulSet.Spec.Template.Spec.Containers).VolumeMounts, m => m.Name == "data");
    }

    [Theory]
    [InlineData("validator", 3)]
    [InlineData("blockchain", 1)]
    [InlineData("ipfs", 0)]
    public void Generate_EveryPod_StartsADevnetNodeItsSettingsAccept(string component, int ordinal)
    {
        var container = Assert.Single(GeneratedManifests.Of(SampleDesigns.MyApp()).Named<V1StatefulSet>(component).Spec.Template.Spec.Containers);
        var nodeId = Assert.Single(container.Env, e => e.Name == "METANODE_NODE_ID");
        Assert.Equal("metadata.name", nodeId.ValueFrom.FieldRef.FieldPath);
        // The kubelet sets the variable to the pod's name: what the devnet then sees.
        var environment = new Dictionary<string, string> { ["METANODE_NODE_ID"] = $"{component}-{ordinal}" };

        var settings = NodeSettings.Parse([.. container.Args], environment, out var problems);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal($"{component}-{ordinal}", settings.NodeId);
        Assert.Equal("my-app", settings.App);
        Assert.Equal(8545, settings.Listen.Port);
    }

    [Fact]
    public void Generate_ChainNodes_KnowEveryValidatorAndFollowerByItsPodDnsNameWithTheQuorumAndChain()
    {
        var design = SampleDesigns.MyApp() with { ChainId = 4242 };
        var container = Assert.Single(GeneratedManifests.Of(design).Named<V1StatefulSet>("blockchain").Spec.Template.Spec.Containers);
        var environment = new Dictionary<string, string> { ["METANODE_NODE_ID"] = "blockchain-0" };

        var settings = NodeSettings.Parse([.. container.Args], environment, out _)!;

        Assert.Equal(NodeRole.Blockchain, settings.Role);
        Assert.Equal(4242, settings.ChainId);
        Assert.Equal(1_790_000_000_000, settings.GenesisTimeMs);
        Assert.Equal(4, settings.EffectiveQuorum);
        Assert.Equal("/data", settings.DataDirectory);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.EffectiveRoundTimeout);
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => new Peer($"validator-{i}", new Uri($"http://validator-{i}.validator:8545/"))),
            settings.Validators);
        Assert.Equal(
            Enumerable.Range(0, 3).Select(i => new Peer($"blockchain-{i}", new Uri($"http://blockchain-{i}.blockchain:8545/"))),
            settings.Peers);
    }

    [Fact]
    public void Generate_PodSecurity_RunsUnprivilegedAsTheRestrictedStandardAsks()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp());
        var pod = manifests.Named<V1StatefulSet>("validator").Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal("restricted", Assert.Single(manifests.All<V1Namespace>()).Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal(300, pod.TerminationGracePeriodSeconds); // the maintenance drain timeout
    }

    [Fact]
    public void Generate_NamespaceOption_PutsEveryObjectThere()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp(), SampleDesigns.Options with { Namespace = "chains" });

        Assert.Equal("chains", Assert.Single(manifests.All<V1Namespace>()).Metadata.Name);
        Assert.All(manifests.All<V1StatefulSet>(), s => Assert.Equal("chains", s.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Generate_SameDesignTwice_SameFiles()
    {
        var first = KubernetesManifestGenerator.Generate(SampleDesigns.MyApp(), SampleDesigns.Options);
        var second = KubernetesManifestGenerator.Generate(SampleDesigns.MyApp(), SampleDesigns.Options);

        Assert.Equal(first, second);
    }

    private static int MinAvailable(V1PodDisruptionBudget budget) =>
        int.Parse(budget.Spec.MinAvailable.Value, System.Globalization.CultureInfo.InvariantCulture);
}
