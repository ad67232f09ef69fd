using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using static MetaNode.Operations.Tests.Topology.Designs;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Tests.Topology.Validation;

/// <summary>One case per design rule: a change to my-app that breaks it, and the nearest change that does not.</summary>
/// <param name="Rule">The rule id.</param>
/// <param name="Break">Turns the clean my-app into a design that breaks the rule.</param>
/// <param name="Boundary">The nearest change that keeps the rule quiet.</param>
/// <param name="Field">Where the issue must point.</param>
/// <param name="Numbers">What the message must say (the numbers an operator needs).</param>
internal sealed record RuleCase(string Rule, Func<TopologyDesign, TopologyDesign> Break, Func<TopologyDesign, TopologyDesign> Boundary, string Field, params string[] Numbers);

internal static class RuleCases
{
    private const string Ipfs = "ipfs";
    private const string Validator = "validator";

    public static IReadOnlyDictionary<string, RuleCase> All { get; } = new RuleCase[]
    {
        new(NameNotDnsLabel, d => d with { Name = "My_App" }, d => d with { Name = "a" + new string('b', 62) }, "name", "'My_App'"),
        new(ChainIdOutOfRange, d => d with { ChainId = 0 }, d => d with { ChainId = 4_503_599_627_370_476 }, "chain_id", "chain id 0"),
        new(RegionDuplicate, d => d.WithRegion(Region, "x"), d => d.WithRegion("eu-west-2", "eu-west-2a"), "regions[eu-west-1].name", "eu-west-1"),
        new(RegionWithoutZones, d => d.WithRegion("eu-west-2"), d => d.WithRegion("eu-west-2", "eu-west-2a"), "regions[eu-west-2].zones", "eu-west-2"),
        new(ZoneDuplicate, d => d with { Regions = [new RegionSpec(Region, ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1a"])] },
            d => d with { Regions = [new RegionSpec(Region, ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"])] }, "regions[eu-west-1].zones[3]", "eu-west-1a"),
        new(ComponentsMissing, d => d with { Components = [] }, d => d with { Components = [d.Components[0]] }, "components"),
        new(ComponentDuplicate, d => d with { Components = [.. d.Components, d.Component(Ipfs)!] },
            d => d with { Components = [.. d.Components, d.Component(Ipfs)! with { Name = "ipfs-2" }] }, "components[ipfs].name", "ipfs"),
        new(ReplicasOutOfRange, d => d.WithReplicas(Ipfs, -1), d => d.WithReplicas(Ipfs, 200), "components[ipfs].replicas", "-1", "0 to 200"),
        new(ValidatorsMissing, d => d.WithReplicas(Validator, 0), d => d.WithReplicas(Validator, 1), "components", "no validator"),
        new(ComponentSingleReplica, d => d.WithReplicas("agreement", 1), d => d.WithReplicas("agreement", 2), "components[agreement].replicas", "1 replica"),
        new(ResourceNotPositive, d => d.WithComponent(Validator, c => c with { Resources = c.Resources with { CpuRequestMillicores = 0 } }),
            d => d.WithComponent(Validator, c => c with { Resources = c.Resources with { CpuRequestMillicores = 1 } }),
            "components[validator].resources.cpu_request_millicores", "0m"),
        new(ResourceRequestExceedsLimit, d => d.WithComponent(Validator, c => c with { Resources = c.Resources with { MemoryRequestMiB = 4096 } }),
            d => d.WithComponent(Validator, c => c with { Resources = c.Resources with { MemoryRequestMiB = 2048 } }),
            "components[validator].resources.memory_request_mib", "4096Mi", "2048Mi"),
        new(StorageNegative, d => d.WithComponent(Ipfs, c => c with { StorageGiB = -5 }), d => d.WithComponent(Ipfs, c => c with { StorageGiB = 0 }), "components[ipfs].storage_gib", "-5 GiB"),
        new(StorageMissing, d => d.WithComponent(Ipfs, c => c with { StorageGiB = 0 }), d => d.WithComponent(Ipfs, c => c with { StorageGiB = 1 }), "components[ipfs].storage_gib", "ipfs"),
        new(ImageMissing, d => d.WithComponent(Ipfs, c => c with { Image = " " }), d => d.WithComponent(Ipfs, c => c with { Image = "ipfs/kubo:v0.30.0" }), "components[ipfs].image", "ipfs"),
        new(PortOutOfRange, d => d.WithComponent(Ipfs, c => c with { Ports = c.Ports with { Rpc = 65536 } }),
            d => d.WithComponent(Ipfs, c => c with { Ports = c.Ports with { Rpc = 65535 } }), "components[ipfs].ports.rpc", "65536"),
        new(PortDuplicate, d => d.WithComponent(Ipfs, c => c with { Ports = new PortSpec(8545, 8545) }),
            d => d.WithComponent(Ipfs, c => c with { Ports = new PortSpec(8545, 8546) }), "components[ipfs].ports.p2p", "8545"),
        new(PlacementZoneUnknown, d => d.WithComponent(Ipfs, c => c with { Zones = [new ZoneRef(Region, "eu-west-1z")] }),
            d => d.WithComponent(Ipfs, c => c with { Zones = [ZoneA] }), "components[ipfs].zones[0]", "eu-west-1/eu-west-1z", "eu-west-1/eu-west-1a"),
        new(PlacementZoneDuplicate, d => d.WithComponent(Ipfs, c => c with { Zones = [ZoneA, ZoneA] }),
            d => d.WithComponent(Ipfs, c => c with { Zones = [ZoneA, ZoneB] }), "components[ipfs].zones[1]", "eu-west-1/eu-west-1a"),
        new(AntiAffinityUnsatisfiable, d => d.WithReplicas("blockchain", 4), d => d.WithReplicas("blockchain", 3),
            "components[blockchain].anti_affinity", "4 replicas", "3 zones"),
        new(ZonesUndeclared, d => d with { Regions = [] }, d => d with { Regions = [], Provider = ProviderKind.Docker }, "regions"),
        new(QuorumNotPositive, d => d.WithQuorum(0), d => d.WithQuorum(1), "ha_policy.consensus.quorum", "quorum 0"),
        new(QuorumExceedsValidators, d => d.WithQuorum(6), d => d.WithQuorum(5), "ha_policy.consensus.quorum", "quorum 6", "5 validators"),
        new(QuorumSplitBrain, d => d.WithQuorum(2), d => d.WithQuorum(3), "ha_policy.consensus.quorum", "quorum 2 of 5", "at least 3"),
        new(QuorumNotByzantineSafe, d => d.WithQuorum(3), d => d.WithQuorum(4), "ha_policy.consensus.quorum", "quorum 3 of 5", "= 4"),
        new(ValidatorsFewerThanFour, d => d.WithReplicas(Validator, 3).WithQuorum(null), d => d.WithReplicas(Validator, 4).WithQuorum(null),
            "components[validator].replicas", "3 validators", "= 4"),
        new(ConsensusTimeoutWithinBlockTime, d => d.WithPolicy(p => p with { Consensus = p.Consensus with { Timeout = TimeSpan.FromSeconds(1), HeartbeatInterval = TimeSpan.FromMilliseconds(500) } }),
            d => d.WithPolicy(p => p with { Consensus = p.Consensus with { Timeout = TimeSpan.FromMilliseconds(1001), HeartbeatInterval = TimeSpan.FromMilliseconds(500) } }),
            "ha_policy.consensus.timeout", "1s"),
        new(HeartbeatNotBelowTimeout, d => d.WithPolicy(p => p with { Consensus = p.Consensus with { HeartbeatInterval = TimeSpan.FromSeconds(2) } }),
            d => d.WithPolicy(p => p with { Consensus = p.Consensus with { HeartbeatInterval = TimeSpan.FromMilliseconds(1999) } }),
            "ha_policy.consensus.heartbeat_interval", "2s"),
        new(BlockConfirmationsNegative, d => d.WithPolicy(p => p with { Consensus = p.Consensus with { BlockConfirmations = -1 } }),
            d => d.WithPolicy(p => p with { Consensus = p.Consensus with { BlockConfirmations = 0 } }), "ha_policy.consensus.block_confirmations", "-1"),
        new(DurationNotPositive, d => d.WithPolicy(p => p with { Consensus = p.Consensus with { BlockTime = TimeSpan.Zero } }),
            d => d.WithPolicy(p => p with { Consensus = p.Consensus with { BlockTime = TimeSpan.FromMilliseconds(1) } }), "ha_policy.consensus.block_time", "0s"),
        new(DurationTooLong, d => d.WithPolicy(p => p with { DisasterRecovery = p.DisasterRecovery with { Rto = TimeSpan.FromDays(367) } }),
            d => d.WithPolicy(p => p with { DisasterRecovery = p.DisasterRecovery with { Rto = TimeSpan.FromDays(366) } }), "ha_policy.disaster_recovery.rto", "8808h", "8784h"),
        new(ReplicationFactorBelowOne, d => Factor(d, 0), d => Factor(d, 1), "ha_policy.replication.replication_factor", "factor 0"),
        new(ReplicationFactorExceedsReplicas, d => d.WithReplicas(Ipfs, 2), d => d.WithReplicas(Ipfs, 3), "ha_policy.replication.replication_factor", "factor 3", "2 replicas of ipfs"),
        new(ReplicationFactorOne, d => Factor(d, 1), d => Factor(d, 2), "ha_policy.replication.replication_factor", "factor 1"),
        new(ReplicationFactorEven, d => Factor(d, 4), d => Factor(d, 3), "ha_policy.replication.replication_factor", "factor 4", "needs 3", "losing 1", "use 5"),
        new(ConsistencyAllStopsOnLoss, d => Consistent(d, Consistency.All), d => Consistent(d, Consistency.Quorum), "ha_policy.replication.consistency", "all 3"),
        new(ConsistencyQuorumNoLoss, d => Factor(d, 2), d => Factor(d, 3), "ha_policy.replication.replication_factor", "factor 2"),
        new(SyncIntervalExceedsRpo, d => Consistent(d, Consistency.One).WithPolicy(p => p with { Replication = p.Replication with { SyncInterval = TimeSpan.FromHours(25) } }),
            d => Consistent(d, Consistency.One).WithPolicy(p => p with { Replication = p.Replication with { SyncInterval = TimeSpan.FromHours(24) } }),
            "ha_policy.replication.sync_interval", "25h", "24h"),
        new(RetriesOutOfRange, d => d.WithPolicy(p => p with { HealthChecks = p.HealthChecks with { Retries = 11 } }),
            d => d.WithPolicy(p => p with { HealthChecks = p.HealthChecks with { Retries = 10 }, Failover = p.Failover with { DetectionTimeout = TimeSpan.FromSeconds(11) } }),
            "ha_policy.health_checks.retries", "11", "0 to 10"),
        new(HealthTimeoutNotBelowInterval, d => d.WithPolicy(p => p with { HealthChecks = p.HealthChecks with { Timeout = TimeSpan.FromSeconds(1) } }),
            d => d.WithPolicy(p => p with { HealthChecks = p.HealthChecks with { Timeout = TimeSpan.FromMilliseconds(999) } }), "ha_policy.health_checks.timeout", "1s"),
        new(DetectionBeforeHealthVerdict, d => Detection(d, TimeSpan.FromMilliseconds(2999)), d => Detection(d, TimeSpan.FromSeconds(3)),
            "ha_policy.failover.detection_timeout", "2s999ms", "3 probes", "3s"),
        new(RtoBelowDetection, d => d.WithPolicy(p => p with { DisasterRecovery = p.DisasterRecovery with { Rto = TimeSpan.FromSeconds(9) } }),
            d => d.WithPolicy(p => p with { DisasterRecovery = p.DisasterRecovery with { Rto = TimeSpan.FromSeconds(10) } }), "ha_policy.disaster_recovery.rto", "9s", "10s"),
        new(CronInvalid, d => Backups(d, b => b with { Schedule = "0 25 * * *" }), d => Backups(d, b => b with { Schedule = "0 23 * * *" }), "ha_policy.backups.schedule", "'0 25 * * *'"),
        new(CronNeverRuns, d => Backups(d, b => b with { Schedule = "0 0 30 2 *" }), d => Backups(d, b => b with { Schedule = "0 0 28 2 *" }), "ha_policy.backups.schedule", "'0 0 30 2 *'"),
        new(BackupRetentionOutOfRange, d => Backups(d, b => b with { RetentionDays = 0 }), d => Backups(d, b => b with { RetentionDays = 1 }), "ha_policy.backups.retention_days", "0 days"),
        new(BackupRetentionShorterThanInterval, d => Weekly(d, retentionDays: 6), d => Weekly(d, retentionDays: 7), "ha_policy.backups.retention_days", "6 days", "168h", "24h"),
        new(StorageUriInvalid, d => Backups(d, b => b with { StorageUri = "s3:///metanode" }), d => Backups(d, b => b with { StorageUri = "s3://backups/metanode" }), "ha_policy.backups.storage_uri", "s3:///metanode"),
        new(StorageUriSchemeUnsupported, d => Backups(d, b => b with { StorageUri = "ftp://host/backups" }), d => Backups(d, b => b with { StorageUri = "azure://backups/metanode" }), "ha_policy.backups.storage_uri", "ftp"),
        new(BackupUnreachableFromSecondary, d => Secondary(d.WithRegion("eu-west-2", "eu-west-2a"), "eu-west-2"),
            d => Backups(Secondary(d.WithRegion("eu-west-2", "eu-west-2a"), "eu-west-2"), b => b with { StorageUri = "gs://backups/metanode" }), "ha_policy.backups.storage_uri", "file:///var/backups/metanode"),
        new(RpoExceededByBackupGap, d => Rpo(d, TimeSpan.FromHours(1)), d => Rpo(d, TimeSpan.FromHours(24)), "ha_policy.disaster_recovery.rpo", "24h apart", "RPO is 1h"),
        new(RpoWithoutBackups, d => Backups(d, b => b with { Enabled = false }), d => Backups(d, b => b with { Enabled = true }), "ha_policy.backups.enabled", "24h"),
        new(DrSecondaryIsPrimary, d => Secondary(d, Region), d => Secondary(d.WithRegion("eu-west-2", "eu-west-2a"), "eu-west-2").WithPolicy(p => p with { Backups = p.Backups with { StorageUri = "s3://b/m" } }),
            "ha_policy.disaster_recovery.secondary_region", "eu-west-1"),
        new(DrSecondaryUnknown, d => Secondary(d, "us-east-1"), d => Secondary(d.WithRegion("us-east-1", "us-east-1a"), "us-east-1"), "ha_policy.disaster_recovery.secondary_region", "us-east-1", "eu-west-1"),
        new(MultiRegionNeedsTwoRegions, d => MultiRegion(d, true), d => MultiRegion(d.WithRegion("eu-west-2", "eu-west-2a"), true), "ha_policy.multi_region.enabled", "1 region"),
        new(PrimaryRegionUnknown, d => d.WithPolicy(p => p with { MultiRegion = p.MultiRegion with { PrimaryRegion = "us-east-1" } }),
            d => d.WithPolicy(p => p with { MultiRegion = p.MultiRegion with { PrimaryRegion = Region } }), "ha_policy.multi_region.primary_region", "us-east-1", "eu-west-1"),
        new(AutomaticFailoverSingleRegion, d => d.WithPolicy(p => p with { MultiRegion = p.MultiRegion with { AutomaticFailover = true } }),
            d => MultiRegion(d.WithRegion("eu-west-2", "eu-west-2a"), true).WithPolicy(p => p with { MultiRegion = p.MultiRegion with { AutomaticFailover = true } }),
            "ha_policy.multi_region.automatic_failover"),
        new(TimeZoneNotIana, d => Maintenance(d, m => m with { TimeZone = "Mars/Olympus_Mons" }), d => Maintenance(d, m => m with { TimeZone = "Europe/Berlin" }), "ha_policy.maintenance.time_zone", "'Mars/Olympus_Mons'"),
        new(MaxUnavailableInvalid, d => Maintenance(d, m => m with { MaxUnavailable = "0" }), d => Maintenance(d, m => m with { MaxUnavailable = "100%" }), "ha_policy.maintenance.max_unavailable", "'0'"),
        new(MaxUnavailableExceedsQuorumMargin, d => Maintenance(d, m => m with { MaxUnavailable = "40%" }), d => Maintenance(d, m => m with { MaxUnavailable = "39%" }),
            "ha_policy.maintenance.max_unavailable", "40%", "2 of 5", "only 1", "quorum 4"),
    }.ToDictionary(c => c.Rule);

    private static TopologyDesign Factor(TopologyDesign d, int factor) =>
        d.WithReplicas("blockchain", 6).WithReplicas(Ipfs, 6).WithComponent("blockchain", c => c with { AntiAffinity = AntiAffinity.Preferred })
            .WithPolicy(p => p with { Replication = p.Replication with { ReplicationFactor = factor } });

    private static TopologyDesign Consistent(TopologyDesign d, Consistency consistency) =>
        d.WithPolicy(p => p with { Replication = p.Replication with { Consistency = consistency } });

    private static TopologyDesign Detection(TopologyDesign d, TimeSpan timeout) =>
        d.WithPolicy(p => p with { Failover = p.Failover with { DetectionTimeout = timeout }, DisasterRecovery = p.DisasterRecovery with { Rto = TimeSpan.FromHours(1) } });

    private static TopologyDesign Backups(TopologyDesign d, Func<BackupSettings, BackupSettings> change) =>
        d.WithPolicy(p => p with { Backups = change(p.Backups) });

    private static TopologyDesign Weekly(TopologyDesign d, int retentionDays) =>
        Backups(Rpo(d, TimeSpan.FromDays(8)), b => b with { Schedule = "0 2 * * 0", RetentionDays = retentionDays });

    private static TopologyDesign Rpo(TopologyDesign d, TimeSpan rpo) =>
        d.WithPolicy(p => p with { DisasterRecovery = p.DisasterRecovery with { Rpo = rpo } });

    private static TopologyDesign Secondary(TopologyDesign d, string region) =>
        d.WithPolicy(p => p with { DisasterRecovery = p.DisasterRecovery with { SecondaryRegion = region } });

    private static TopologyDesign MultiRegion(TopologyDesign d, bool enabled) =>
        d.WithPolicy(p => p with { MultiRegion = p.MultiRegion with { Enabled = enabled } });

    private static TopologyDesign Maintenance(TopologyDesign d, Func<MaintenanceDefaults, MaintenanceDefaults> change) =>
        d.WithPolicy(p => p with { Maintenance = change(p.Maintenance) });
}
