using static MetaNode.Operations.Topology.Design.DesignKeys;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>The HA policy: every section and every key optional, each defaulting to <see cref="HaPolicy.Default"/>.</summary>
internal sealed partial class DocumentBinder
{
    private static HaPolicy Policy(MappingReader? policy)
    {
        var d = HaPolicy.Default;
        if (policy is null)
        {
            return d;
        }

        var result = new HaPolicy(
            Section(policy, Consensus, d.Consensus, s => new ConsensusSettings(
                s.OptionalInt(Quorum, d.Consensus.Quorum),
                s.Duration(BlockTime, d.Consensus.BlockTime),
                s.Duration(DesignKeys.Timeout, d.Consensus.Timeout),
                s.Int(BlockConfirmations, d.Consensus.BlockConfirmations),
                s.Duration(HeartbeatInterval, d.Consensus.HeartbeatInterval))),
            Section(policy, Replication, d.Replication, s => new ReplicationSettings(
                s.Int(ReplicationFactor, d.Replication.ReplicationFactor),
                s.Duration(SyncInterval, d.Replication.SyncInterval),
                s.Enum(DesignKeys.Consistency, d.Replication.Consistency))),
            Section(policy, Failover, d.Failover, s => new FailoverSettings(
                s.Duration(DetectionTimeout, d.Failover.DetectionTimeout),
                s.Enum(DesignKeys.RecoveryAction, d.Failover.RecoveryAction),
                s.Int(MaxRetries, d.Failover.MaxRetries),
                s.Bool(Notify, d.Failover.Notify))),
            Section(policy, HealthChecks, d.HealthChecks, s => new HealthCheckSettings(
                s.Duration(Interval, d.HealthChecks.Interval),
                s.Duration(DesignKeys.Timeout, d.HealthChecks.Timeout),
                s.Int(Retries, d.HealthChecks.Retries))),
            Section(policy, Backups, d.Backups, s => new BackupSettings(
                s.Bool(Enabled, d.Backups.Enabled),
                s.Text(Schedule, d.Backups.Schedule),
                s.Int(RetentionDays, d.Backups.RetentionDays),
                s.Text(StorageUri, d.Backups.StorageUri),
                s.Bool(Encryption, d.Backups.Encryption),
                s.Bool(Compression, d.Backups.Compression))),
            Section(policy, DisasterRecovery, d.DisasterRecovery, s => new DisasterRecoverySettings(
                s.Duration(Rpo, d.DisasterRecovery.Rpo),
                s.Duration(Rto, d.DisasterRecovery.Rto),
                s.OptionalText(SecondaryRegion, d.DisasterRecovery.SecondaryRegion))),
            Section(policy, MultiRegion, d.MultiRegion, s => new MultiRegionSettings(
                s.Bool(Enabled, d.MultiRegion.Enabled),
                s.OptionalText(PrimaryRegion, d.MultiRegion.PrimaryRegion),
                s.Enum(DesignKeys.Synchronization, d.MultiRegion.Synchronization),
                s.Bool(AutomaticFailover, d.MultiRegion.AutomaticFailover))),
            Section(policy, Network, d.Network, s => new NetworkRedundancySettings(
                s.Bool(DualStack, d.Network.DualStack),
                s.Bool(MultiProvider, d.Network.MultiProvider),
                s.Bool(DnsRedundancy, d.Network.DnsRedundancy))),
            Section(policy, Maintenance, d.Maintenance, s => new MaintenanceDefaults(
                s.Enum(Strategy, d.Maintenance.Strategy),
                s.Text(WindowSchedule, d.Maintenance.WindowSchedule),
                s.Duration(WindowDuration, d.Maintenance.WindowDuration),
                s.Text(DesignKeys.TimeZone, d.Maintenance.TimeZone),
                s.Text(DesignKeys.MaxUnavailable, d.Maintenance.MaxUnavailable),
                s.Duration(DrainTimeout, d.Maintenance.DrainTimeout))));
        policy.Finish();
        return result;
    }

    private static T Section<T>(MappingReader policy, string key, T fallback, Func<MappingReader, T> read)
    {
        if (policy.Mapping(key) is not { } section)
        {
            return fallback;
        }

        var result = read(section);
        section.Finish();
        return result;
    }
}
