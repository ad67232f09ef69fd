namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// The snake_case keys of a design as it is written to YAML and JSON. Field paths
/// (<see cref="FieldPath"/>) are made of the same keys, so a validation issue, an import error
/// and a diff row all name a value where it stands in the exported file.
/// </summary>
public static class DesignKeys
{
    // Each constant is the key it names.
    public const string Name = "name";
    public const string Environment = "environment";
    public const string Provider = "provider";
    public const string ChainId = "chain_id";
    public const string Regions = "regions";
    public const string Zones = "zones";
    public const string Components = "components";
    public const string Policy = "ha_policy";

    public const string Role = "role";
    public const string Replicas = "replicas";
    public const string Resources = "resources";
    public const string CpuRequest = "cpu_request_millicores";
    public const string CpuLimit = "cpu_limit_millicores";
    public const string MemoryRequest = "memory_request_mib";
    public const string MemoryLimit = "memory_limit_mib";
    public const string StorageGiB = "storage_gib";
    public const string Image = "image";
    public const string Ports = "ports";
    public const string Rpc = "rpc";
    public const string P2P = "p2p";
    public const string AntiAffinity = "anti_affinity";

    public const string Consensus = "consensus";
    public const string Quorum = "quorum";
    public const string BlockTime = "block_time";
    public const string Timeout = "timeout";
    public const string BlockConfirmations = "block_confirmations";
    public const string HeartbeatInterval = "heartbeat_interval";

    public const string Replication = "replication";
    public const string ReplicationFactor = "replication_factor";
    public const string SyncInterval = "sync_interval";
    public const string Consistency = "consistency";

    public const string Failover = "failover";
    public const string DetectionTimeout = "detection_timeout";
    public const string RecoveryAction = "recovery_action";
    public const string MaxRetries = "max_retries";
    public const string Notify = "notify";

    public const string HealthChecks = "health_checks";
    public const string Interval = "interval";
    public const string Retries = "retries";

    public const string Backups = "backups";
    public const string Enabled = "enabled";
    public const string Schedule = "schedule";
    public const string RetentionDays = "retention_days";
    public const string StorageUri = "storage_uri";
    public const string Encryption = "encryption";
    public const string Compression = "compression";

    public const string DisasterRecovery = "disaster_recovery";
    public const string Rpo = "rpo";
    public const string Rto = "rto";
    public const string SecondaryRegion = "secondary_region";

    public const string MultiRegion = "multi_region";
    public const string PrimaryRegion = "primary_region";
    public const string Synchronization = "synchronization";
    public const string AutomaticFailover = "automatic_failover";

    public const string Network = "network";
    public const string DualStack = "dual_stack";
    public const string MultiProvider = "multi_provider";
    public const string DnsRedundancy = "dns_redundancy";

    public const string Maintenance = "maintenance";
    public const string Strategy = "strategy";
    public const string WindowSchedule = "window_schedule";
    public const string WindowDuration = "window_duration";
    public const string TimeZone = "time_zone";
    public const string MaxUnavailable = "max_unavailable";
    public const string DrainTimeout = "drain_timeout";
}
