namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// Every HA setting of an app, grouped as operators think of them. <see cref="Default"/> holds the
/// defaults a new design starts with (docs/topology.md lists them with the reason for each).
/// </summary>
public sealed record HaPolicy(
    ConsensusSettings Consensus,
    ReplicationSettings Replication,
    FailoverSettings Failover,
    HealthCheckSettings HealthChecks,
    BackupSettings Backups,
    DisasterRecoverySettings DisasterRecovery,
    MultiRegionSettings MultiRegion,
    NetworkRedundancySettings Network,
    MaintenanceDefaults Maintenance)
{
    /// <summary>The defaults of a new design.</summary>
    public static HaPolicy Default { get; } = new(
        new ConsensusSettings(null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(1)),
        new ReplicationSettings(3, TimeSpan.FromSeconds(5), Consistency.Quorum),
        new FailoverSettings(TimeSpan.FromSeconds(10), RecoveryAction.Restart, 3, true),
        new HealthCheckSettings(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), 2),
        new BackupSettings(true, "0 2 * * *", 30, "file:///var/backups/metanode", true, true),
        new DisasterRecoverySettings(TimeSpan.FromHours(24), TimeSpan.FromHours(4), null),
        new MultiRegionSettings(false, null, Synchronization.Eventual, false),
        new NetworkRedundancySettings(false, false, true),
        new MaintenanceDefaults(MaintenanceStrategy.Rolling, "0 2 * * 0", TimeSpan.FromHours(2), "UTC", "1", TimeSpan.FromMinutes(5)));
}

/// <summary>Consensus of the validator set.</summary>
/// <param name="Quorum">Votes a block needs; null: the Byzantine-safe ⌊2n/3⌋+1.</param>
/// <param name="BlockTime">Target time between blocks.</param>
/// <param name="Timeout">How long validators wait on one proposer before skipping it.</param>
/// <param name="BlockConfirmations">Blocks after which a block counts as final; also the lag a node may have.</param>
/// <param name="HeartbeatInterval">How often validators tell each other they are alive.</param>
public sealed record ConsensusSettings(int? Quorum, TimeSpan BlockTime, TimeSpan Timeout, int BlockConfirmations, TimeSpan HeartbeatInterval);

/// <summary>How many copies of the chain data exist and how they agree.</summary>
public enum Consistency
{
    /// <summary>A write is done when one replica has it.</summary>
    One,

    /// <summary>A write is done when a majority of the replication factor has it.</summary>
    Quorum,

    /// <summary>A write is done when every replica has it (stops writes when one is lost).</summary>
    All,
}

/// <summary>Data replication of the chain and content stores.</summary>
/// <param name="ReplicationFactor">Copies of each piece of data.</param>
/// <param name="SyncInterval">How often replicas reconcile.</param>
/// <param name="Consistency">When a write counts as done.</param>
public sealed record ReplicationSettings(int ReplicationFactor, TimeSpan SyncInterval, Consistency Consistency);

/// <summary>What the platform does with a failed node.</summary>
public enum RecoveryAction
{
    /// <summary>Restart the process or container in place.</summary>
    Restart,

    /// <summary>Remove the node and create a fresh one (new volume).</summary>
    Recreate,

    /// <summary>Move its traffic and role to a standby.</summary>
    Failover,
}

/// <summary>Failure detection and recovery.</summary>
/// <param name="DetectionTimeout">How long a node may be silent before it counts as failed.</param>
/// <param name="RecoveryAction">What is done then.</param>
/// <param name="MaxRetries">Recovery attempts before a human is needed.</param>
/// <param name="Notify">Alert when a failover happens.</param>
public sealed record FailoverSettings(TimeSpan DetectionTimeout, RecoveryAction RecoveryAction, int MaxRetries, bool Notify);

/// <summary>How the dashboard probes nodes.</summary>
/// <param name="Interval">Time between probes of one node.</param>
/// <param name="Timeout">How long one probe may take.</param>
/// <param name="Retries">Failed probes in a row before a node is Down.</param>
public sealed record HealthCheckSettings(TimeSpan Interval, TimeSpan Timeout, int Retries);

/// <summary>Backups of chain data.</summary>
/// <param name="Enabled">Whether backups run.</param>
/// <param name="Schedule">Cron expression (5 fields, UTC).</param>
/// <param name="RetentionDays">How long a backup is kept.</param>
/// <param name="StorageUri">Where backups go (<c>s3://…</c>, <c>gs://…</c>, <c>file:///…</c>).</param>
/// <param name="Encryption">Encrypt at rest.</param>
/// <param name="Compression">Compress.</param>
public sealed record BackupSettings(bool Enabled, string Schedule, int RetentionDays, string StorageUri, bool Encryption, bool Compression);

/// <summary>Disaster recovery objectives.</summary>
/// <param name="Rpo">Recovery point objective: the most data (as time) that may be lost.</param>
/// <param name="Rto">Recovery time objective: the longest outage allowed.</param>
/// <param name="SecondaryRegion">The region to recover into; must differ from the primary.</param>
public sealed record DisasterRecoverySettings(TimeSpan Rpo, TimeSpan Rto, string? SecondaryRegion);

/// <summary>How regions keep in step.</summary>
public enum Synchronization
{
    /// <summary>Asynchronous: regions converge.</summary>
    Eventual,

    /// <summary>Synchronous: a write is done in every region.</summary>
    Strong,
}

/// <summary>Running in several regions. The regions themselves are <see cref="TopologyDesign.Regions"/>.</summary>
/// <param name="Enabled">Whether the app spans regions.</param>
/// <param name="PrimaryRegion">The region that leads; null: the first one.</param>
/// <param name="Synchronization">How regions keep in step.</param>
/// <param name="AutomaticFailover">Promote another region without a human.</param>
public sealed record MultiRegionSettings(bool Enabled, string? PrimaryRegion, Synchronization Synchronization, bool AutomaticFailover);

/// <summary>Network redundancy.</summary>
/// <param name="DualStack">IPv4 and IPv6.</param>
/// <param name="MultiProvider">More than one network or cloud provider.</param>
/// <param name="DnsRedundancy">More than one DNS provider.</param>
public sealed record NetworkRedundancySettings(bool DualStack, bool MultiProvider, bool DnsRedundancy);

/// <summary>How maintenance replaces nodes.</summary>
public enum MaintenanceStrategy
{
    /// <summary>A few nodes at a time, bounded by max unavailable.</summary>
    Rolling,

    /// <summary>One node first, watched, then the rest.</summary>
    Canary,

    /// <summary>A full new set beside the old one, then a switch.</summary>
    BlueGreen,
}

/// <summary>Defaults for maintenance windows of this app.</summary>
/// <param name="Strategy">Rolling, canary or blue-green.</param>
/// <param name="WindowSchedule">Cron expression (5 fields) for when a window opens, in <paramref name="TimeZone"/>.</param>
/// <param name="WindowDuration">How long a window stays open.</param>
/// <param name="TimeZone">IANA time zone of the schedule.</param>
/// <param name="MaxUnavailable">A count (<c>1</c>) or a percentage (<c>25%</c>) of a component's replicas.</param>
/// <param name="DrainTimeout">How long a node gets to finish its work before it is stopped.</param>
public sealed record MaintenanceDefaults(
    MaintenanceStrategy Strategy,
    string WindowSchedule,
    TimeSpan WindowDuration,
    string TimeZone,
    string MaxUnavailable,
    TimeSpan DrainTimeout);
