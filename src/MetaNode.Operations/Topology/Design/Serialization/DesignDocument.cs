using System.Globalization;
using static MetaNode.Operations.Topology.Design.DesignKeys;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>A design as a document tree, every key written (defaults too), in the order an operator reads them.</summary>
internal static class DesignDocument
{
    public static DocMapping From(TopologyDesign design) => Map(
        new(Name, Text(design.Name)),
        new(DesignKeys.Environment, Text(design.Environment)),
        new(Provider, Word(design.Provider)),
        new(ChainId, Number(design.ChainId)),
        new(Regions, new DocSequence([.. design.Regions.Select(r => Map(new(Name, Text(r.Name)), new(Zones, Texts(r.Zones))))])),
        new(Components, new DocSequence([.. design.Components.Select(Component)])),
        new(Policy, PolicyOf(design.Policy)));

    private static DocMapping Component(ComponentDesign c) => Map(
        new(Name, Text(c.Name)),
        new(Role, Word(c.Role)),
        new(Replicas, Number(c.Replicas)),
        new(Resources, Map(
            new(CpuRequest, Number(c.Resources.CpuRequestMillicores)),
            new(CpuLimit, Number(c.Resources.CpuLimitMillicores)),
            new(MemoryRequest, Number(c.Resources.MemoryRequestMiB)),
            new(MemoryLimit, Number(c.Resources.MemoryLimitMiB)))),
        new(StorageGiB, Number(c.StorageGiB)),
        new(Image, Text(c.Image)),
        new(Ports, Map(new(Rpc, Number(c.Ports.Rpc)), new(P2P, Number(c.Ports.P2P)))),
        new(DesignKeys.AntiAffinity, Word(c.AntiAffinity)),
        new(Zones, Texts(c.Zones.Select(z => z.ToString()))));

    private static DocMapping PolicyOf(HaPolicy p) => Map(
        new(Consensus, Map(
            new(Quorum, p.Consensus.Quorum is { } quorum ? Number(quorum) : DocScalar.Null),
            new(BlockTime, Duration(p.Consensus.BlockTime)),
            new(DesignKeys.Timeout, Duration(p.Consensus.Timeout)),
            new(BlockConfirmations, Number(p.Consensus.BlockConfirmations)),
            new(HeartbeatInterval, Duration(p.Consensus.HeartbeatInterval)))),
        new(Replication, Map(
            new(ReplicationFactor, Number(p.Replication.ReplicationFactor)),
            new(SyncInterval, Duration(p.Replication.SyncInterval)),
            new(DesignKeys.Consistency, Word(p.Replication.Consistency)))),
        new(Failover, Map(
            new(DetectionTimeout, Duration(p.Failover.DetectionTimeout)),
            new(DesignKeys.RecoveryAction, Word(p.Failover.RecoveryAction)),
            new(MaxRetries, Number(p.Failover.MaxRetries)),
            new(Notify, Flag(p.Failover.Notify)))),
        new(HealthChecks, Map(
            new(Interval, Duration(p.HealthChecks.Interval)),
            new(DesignKeys.Timeout, Duration(p.HealthChecks.Timeout)),
            new(Retries, Number(p.HealthChecks.Retries)))),
        new(Backups, Map(
            new(Enabled, Flag(p.Backups.Enabled)),
            new(Schedule, Text(p.Backups.Schedule)),
            new(RetentionDays, Number(p.Backups.RetentionDays)),
            new(StorageUri, Text(p.Backups.StorageUri)),
            new(Encryption, Flag(p.Backups.Encryption)),
            new(Compression, Flag(p.Backups.Compression)))),
        new(DisasterRecovery, Map(
            new(Rpo, Duration(p.DisasterRecovery.Rpo)),
            new(Rto, Duration(p.DisasterRecovery.Rto)),
            new(SecondaryRegion, Text(p.DisasterRecovery.SecondaryRegion)))),
        new(MultiRegion, Map(
            new(Enabled, Flag(p.MultiRegion.Enabled)),
            new(PrimaryRegion, Text(p.MultiRegion.PrimaryRegion)),
            new(DesignKeys.Synchronization, Word(p.MultiRegion.Synchronization)),
            new(AutomaticFailover, Flag(p.MultiRegion.AutomaticFailover)))),
        new(Network, Map(
            new(DualStack, Flag(p.Network.DualStack)),
            new(MultiProvider, Flag(p.Network.MultiProvider)),
            new(DnsRedundancy, Flag(p.Network.DnsRedundancy)))),
        new(Maintenance, Map(
            new(Strategy, Word(p.Maintenance.Strategy)),
            new(WindowSchedule, Text(p.Maintenance.WindowSchedule)),
            new(WindowDuration, Duration(p.Maintenance.WindowDuration)),
            new(DesignKeys.TimeZone, Text(p.Maintenance.TimeZone)),
            new(DesignKeys.MaxUnavailable, Text(p.Maintenance.MaxUnavailable)),
            new(DrainTimeout, Duration(p.Maintenance.DrainTimeout)))));

    private static DocMapping Map(params DocEntry[] entries) => new(entries);

    private static DocScalar Text(string? text) => text is null ? DocScalar.Null : new DocScalar(text, ScalarKind.Text);

    private static DocSequence Texts(IEnumerable<string> texts) => new([.. texts.Select(Text)]);

    private static DocScalar Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), ScalarKind.Number);

    private static DocScalar Flag(bool value) => new(value ? "true" : "false", ScalarKind.Boolean);

    private static DocScalar Duration(TimeSpan value) => new(DurationText.Format(value), ScalarKind.Text);

    private static DocScalar Word<T>(T value)
        where T : struct, Enum => new(EnumText.Format(value), ScalarKind.Text);
}
