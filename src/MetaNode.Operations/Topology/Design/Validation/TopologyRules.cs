using static MetaNode.Operations.Topology.Design.Validation.IssueSeverity;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>A rule a design (or an imported document) is judged by.</summary>
/// <param name="Id">Kebab-case id, stable: pages and scripts may key on it.</param>
/// <param name="Severity">Whether breaking it blocks saving.</param>
/// <param name="Meaning">What the rule checks, in one sentence.</param>
public sealed record TopologyRule(string Id, IssueSeverity Severity, string Meaning);

/// <summary>Every rule of <see cref="TopologyValidator"/> and of the importer, with its severity and meaning.</summary>
public static class TopologyRules
{
    // Each constant is a rule id; All below gives its severity and meaning.
    public const string NameNotDnsLabel = "name-not-dns-label";
    public const string ChainIdOutOfRange = "chain-id-out-of-range";
    public const string RegionDuplicate = "region-duplicate";
    public const string RegionWithoutZones = "region-without-zones";
    public const string ZoneDuplicate = "zone-duplicate";
    public const string ComponentsMissing = "components-missing";
    public const string ComponentDuplicate = "component-duplicate";
    public const string ReplicasOutOfRange = "replicas-out-of-range";
    public const string ValidatorsMissing = "validators-missing";
    public const string ComponentSingleReplica = "component-single-replica";
    public const string ResourceNotPositive = "resource-not-positive";
    public const string ResourceRequestExceedsLimit = "resource-request-exceeds-limit";
    public const string StorageNegative = "storage-negative";
    public const string StorageMissing = "storage-missing";
    public const string ImageMissing = "image-missing";
    public const string PortOutOfRange = "port-out-of-range";
    public const string PortDuplicate = "port-duplicate";
    public const string PlacementZoneUnknown = "placement-zone-unknown";
    public const string PlacementZoneDuplicate = "placement-zone-duplicate";
    public const string AntiAffinityUnsatisfiable = "anti-affinity-unsatisfiable";
    public const string ZonesUndeclared = "zones-undeclared";
    public const string QuorumNotPositive = "quorum-not-positive";
    public const string QuorumExceedsValidators = "quorum-exceeds-validators";
    public const string QuorumSplitBrain = "quorum-split-brain";
    public const string QuorumNotByzantineSafe = "quorum-not-byzantine-safe";
    public const string ValidatorsFewerThanFour = "validators-fewer-than-four";
    public const string ConsensusTimeoutWithinBlockTime = "consensus-timeout-within-block-time";
    public const string HeartbeatNotBelowTimeout = "heartbeat-not-below-timeout";
    public const string BlockConfirmationsNegative = "block-confirmations-negative";
    public const string DurationNotPositive = "duration-not-positive";
    public const string DurationTooLong = "duration-too-long";
    public const string ReplicationFactorBelowOne = "replication-factor-below-one";
    public const string ReplicationFactorExceedsReplicas = "replication-factor-exceeds-replicas";
    public const string ReplicationFactorOne = "replication-factor-one";
    public const string ReplicationFactorEven = "replication-factor-even";
    public const string ConsistencyAllStopsOnLoss = "consistency-all-stops-on-loss";
    public const string ConsistencyQuorumNoLoss = "consistency-quorum-no-loss";
    public const string SyncIntervalExceedsRpo = "sync-interval-exceeds-rpo";
    public const string RetriesOutOfRange = "retries-out-of-range";
    public const string HealthTimeoutNotBelowInterval = "health-timeout-not-below-interval";
    public const string DetectionBeforeHealthVerdict = "detection-before-health-verdict";
    public const string RtoBelowDetection = "rto-below-detection";
    public const string CronInvalid = "cron-invalid";
    public const string CronNeverRuns = "cron-never-runs";
    public const string BackupRetentionOutOfRange = "backup-retention-out-of-range";
    public const string BackupRetentionShorterThanInterval = "backup-retention-shorter-than-interval";
    public const string StorageUriInvalid = "storage-uri-invalid";
    public const string StorageUriSchemeUnsupported = "storage-uri-scheme-unsupported";
    public const string BackupUnreachableFromSecondary = "backup-unreachable-from-secondary";
    public const string RpoExceededByBackupGap = "rpo-exceeded-by-backup-gap";
    public const string RpoWithoutBackups = "rpo-without-backups";
    public const string DrSecondaryIsPrimary = "dr-secondary-is-primary";
    public const string DrSecondaryUnknown = "dr-secondary-unknown";
    public const string MultiRegionNeedsTwoRegions = "multi-region-needs-two-regions";
    public const string PrimaryRegionUnknown = "primary-region-unknown";
    public const string AutomaticFailoverSingleRegion = "automatic-failover-single-region";
    public const string TimeZoneNotIana = "time-zone-not-iana";
    public const string MaxUnavailableInvalid = "max-unavailable-invalid";
    public const string MaxUnavailableExceedsQuorumMargin = "max-unavailable-exceeds-quorum-margin";

    // Import: the document itself, before the design is judged.
    public const string DocumentTooLarge = "document-too-large";
    public const string DocumentEmpty = "document-empty";
    public const string YamlSyntax = "yaml-syntax";
    public const string JsonSyntax = "json-syntax";
    public const string YamlAliasRefused = "yaml-alias-refused";
    public const string YamlTagRefused = "yaml-tag-refused";
    public const string MultipleDocuments = "multiple-documents";
    public const string NestingTooDeep = "nesting-too-deep";
    public const string UnknownField = "unknown-field";
    public const string DuplicateField = "duplicate-field";
    public const string MissingField = "missing-field";
    public const string WrongType = "wrong-type";

    /// <summary>Every rule, design rules first, in the order the validator checks them.</summary>
    public static IReadOnlyList<TopologyRule> All { get; } =
    [
        new(NameNotDnsLabel, Error, "App, region, zone and component names are DNS labels: a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, at most 63 characters."),
        new(ChainIdOutOfRange, Error, "The chain id is between 1 and 4503599627370476 (EIP-2294)."),
        new(RegionDuplicate, Error, "Each region is declared once."),
        new(RegionWithoutZones, Error, "Each region has at least one zone."),
        new(ZoneDuplicate, Error, "Each zone is declared once in its region."),
        new(ComponentsMissing, Error, "The design has at least one component."),
        new(ComponentDuplicate, Error, "Component names are unique."),
        new(ReplicasOutOfRange, Error, "Replicas are between 0 and 200."),
        new(ValidatorsMissing, Warning, "Without validator replicas the chain makes no blocks."),
        new(ComponentSingleReplica, Warning, "A blockchain, agreement or ipfs component with one replica stops when that node is lost."),
        new(ResourceNotPositive, Error, "CPU and memory requests and limits are positive."),
        new(ResourceRequestExceedsLimit, Error, "A CPU or memory request is not above its limit."),
        new(StorageNegative, Error, "Storage per replica is 0 GiB or more."),
        new(StorageMissing, Warning, "Blockchain, validator and ipfs replicas keep data: without storage it is lost when a node is replaced."),
        new(ImageMissing, Error, "Every component names a container image."),
        new(PortOutOfRange, Error, "Ports are between 1 and 65535."),
        new(PortDuplicate, Error, "A replica's RPC and P2P ports differ."),
        new(PlacementZoneUnknown, Error, "A component is placed only in zones the design declares."),
        new(PlacementZoneDuplicate, Error, "A component lists each placement zone once."),
        new(AntiAffinityUnsatisfiable, Error, "Required anti-affinity needs at least as many zones as replicas."),
        new(ZonesUndeclared, Warning, "A Kubernetes design without zones cannot be judged against a zone outage."),
        new(QuorumNotPositive, Error, "An explicit quorum is at least 1."),
        new(QuorumExceedsValidators, Error, "The quorum is not above the number of validators, or no block is ever committed."),
        new(QuorumSplitBrain, Warning, "A quorum of at most half the validators lets both sides of a partition commit (split brain)."),
        new(QuorumNotByzantineSafe, Warning, "A quorum below ⌊2n/3⌋+1 is not safe against a Byzantine validator."),
        new(ValidatorsFewerThanFour, Warning, "Fewer than 4 validators cannot tolerate one Byzantine fault (n ≥ 3f+1)."),
        new(ConsensusTimeoutWithinBlockTime, Warning, "A consensus timeout not longer than the block time skips proposers before they can propose."),
        new(HeartbeatNotBelowTimeout, Warning, "A heartbeat interval not shorter than the consensus timeout makes live validators look silent."),
        new(BlockConfirmationsNegative, Error, "Block confirmations are 0 or more."),
        new(DurationNotPositive, Error, "Every duration is positive."),
        new(DurationTooLong, Error, "No duration is longer than 366 days."),
        new(ReplicationFactorBelowOne, Error, "The replication factor is at least 1."),
        new(ReplicationFactorExceedsReplicas, Error, "The replication factor is not above the replicas of a data-holding component (blockchain, ipfs)."),
        new(ReplicationFactorOne, Warning, "One copy of the data is lost with the node that holds it."),
        new(ReplicationFactorEven, Warning, "An even replication factor of 4 or more with quorum writes survives no more losses than one copy less."),
        new(ConsistencyAllStopsOnLoss, Warning, "Consistency 'all' stops writes when any one copy is lost."),
        new(ConsistencyQuorumNoLoss, Warning, "Quorum writes with replication factor 2 need both copies: one loss stops writes."),
        new(SyncIntervalExceedsRpo, Warning, "With writes acknowledged by one copy (or regions synchronized eventually), a sync interval longer than the RPO can lose more than the RPO."),
        new(RetriesOutOfRange, Error, "Health-check retries are 0 to 10; failover retries are 0 to 100."),
        new(HealthTimeoutNotBelowInterval, Error, "A health probe's timeout is shorter than the interval between probes."),
        new(DetectionBeforeHealthVerdict, Warning, "Failover detection waits at least the health interval × (retries + 1), or it fires before the monitor can tell."),
        new(RtoBelowDetection, Warning, "An RTO shorter than the failover detection timeout is missed before recovery starts."),
        new(CronInvalid, Error, "Schedules are 5-field cron expressions."),
        new(CronNeverRuns, Error, "A schedule has at least one run (no 30 February)."),
        new(BackupRetentionOutOfRange, Error, "Backups are kept 1 to 36500 days."),
        new(BackupRetentionShorterThanInterval, Warning, "Backups are kept at least as long as the largest gap between two backups."),
        new(StorageUriInvalid, Error, "The backup storage URI is absolute: a bucket for s3, gs and azure, an absolute path for file."),
        new(StorageUriSchemeUnsupported, Error, "The backup storage URI's scheme is s3, gs, azure or file."),
        new(BackupUnreachableFromSecondary, Warning, "Backups on a local file system cannot be restored in another region."),
        new(RpoExceededByBackupGap, Error, "The largest gap between two backups is not longer than the RPO."),
        new(RpoWithoutBackups, Warning, "Without backups a disaster that reaches every replica loses everything, whatever the RPO."),
        new(DrSecondaryIsPrimary, Error, "The disaster-recovery secondary region differs from the primary."),
        new(DrSecondaryUnknown, Warning, "The disaster-recovery secondary region is one of the design's regions."),
        new(MultiRegionNeedsTwoRegions, Error, "Multi-region needs at least two regions."),
        new(PrimaryRegionUnknown, Error, "The primary region is one of the design's regions."),
        new(AutomaticFailoverSingleRegion, Warning, "Automatic region failover does nothing while multi-region is off."),
        new(TimeZoneNotIana, Error, "The maintenance time zone is an IANA id (Europe/Berlin, UTC)."),
        new(MaxUnavailableInvalid, Error, "Max unavailable is a positive count or a percentage from 1% to 100%."),
        new(MaxUnavailableExceedsQuorumMargin, Warning, "Max unavailable is within the validators' margin over the quorum, or maintenance would halt the chain."),
        new(DocumentTooLarge, Error, "An imported document is at most 256 KB."),
        new(DocumentEmpty, Error, "An imported document holds a design."),
        new(YamlSyntax, Error, "An imported YAML document is well-formed."),
        new(JsonSyntax, Error, "An imported JSON document is well-formed."),
        new(YamlAliasRefused, Error, "YAML anchors and aliases (&a, *a) are refused: they can expand a small document into a huge one."),
        new(YamlTagRefused, Error, "YAML tags (!!str, !custom) are refused: the format has no use for them."),
        new(MultipleDocuments, Error, "An imported YAML file holds one document."),
        new(NestingTooDeep, Error, "An imported document nests at most 32 levels."),
        new(UnknownField, Error, "Every key of an imported document is part of the format (a typo would silently drop a setting)."),
        new(DuplicateField, Error, "No key appears twice in one mapping."),
        new(MissingField, Error, "Required keys are present: name, components, and each component's name and replicas."),
        new(WrongType, Error, "Each value has the type of its field: a whole number, true/false, a duration, one of the listed words."),
    ];

    private static readonly Dictionary<string, TopologyRule> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with <paramref name="id"/>.</summary>
    public static TopologyRule Get(string id) => ById[id];
}
