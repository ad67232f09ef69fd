using MetaNode.Operations.Topology.Design;

namespace MetaNode.Dashboard.Model;

/// <summary>How a policy setting is edited.</summary>
public enum PolicyFieldKind
{
    /// <summary>A whole number.</summary>
    Number,

    /// <summary>A whole number that may be left empty (meaning "automatic").</summary>
    OptionalNumber,

    /// <summary>A duration written as <c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>.</summary>
    Duration,

    /// <summary>On or off.</summary>
    Switch,

    /// <summary>One of a few words.</summary>
    Choice,

    /// <summary>Free text (cron expressions, URIs, region names, time zones).</summary>
    Text,
}

/// <summary>
/// One editable HA setting: its label, its path in validation messages, how to read it from a
/// policy as text and how to write text back. The editor renders every field the same way, so
/// adding a setting is one line here.
/// </summary>
/// <param name="Group">The tab it is on.</param>
/// <param name="Path">Its validation path (<c>policy.consensus.quorum</c>).</param>
/// <param name="Label">What the operator reads.</param>
/// <param name="Help">One line on what it does.</param>
/// <param name="Kind">How it is edited.</param>
/// <param name="Read">The current value as text ("" for empty).</param>
/// <param name="Write">The policy with the new text applied; throws <see cref="FormatException"/> with a sentence when the text is not a value.</param>
/// <param name="Choices">The words of a <see cref="PolicyFieldKind.Choice"/>.</param>
public sealed record PolicyField(
    string Group,
    string Path,
    string Label,
    string Help,
    PolicyFieldKind Kind,
    Func<HaPolicy, string> Read,
    Func<HaPolicy, string, HaPolicy> Write,
    IReadOnlyList<string>? Choices = null);

/// <summary>Every HA setting of the designer, grouped by tab.</summary>
public static class PolicyFields
{
    /// <summary>The tabs in order.</summary>
    public static IReadOnlyList<string> Groups { get; } =
        ["Consensus", "Replication", "Failover", "Health checks", "Backups", "Disaster recovery", "Multi-region", "Network", "Maintenance"];

    /// <summary>Every field, in tab order.</summary>
    public static IReadOnlyList<PolicyField> All { get; } =
    [
        OptionalNumber("Consensus", "ha_policy.consensus.quorum", "Quorum", "Votes a block needs; empty for the Byzantine-safe ⌊2n/3⌋+1",
            p => p.Consensus.Quorum, (p, v) => p with { Consensus = p.Consensus with { Quorum = v } }),
        Duration("Consensus", "ha_policy.consensus.block_time", "Block time", "Target time between blocks",
            p => p.Consensus.BlockTime, (p, v) => p with { Consensus = p.Consensus with { BlockTime = v } }),
        Duration("Consensus", "ha_policy.consensus.timeout", "Proposer timeout", "How long validators wait on a silent proposer",
            p => p.Consensus.Timeout, (p, v) => p with { Consensus = p.Consensus with { Timeout = v } }),
        Number("Consensus", "ha_policy.consensus.block_confirmations", "Block confirmations", "Blocks until final; also the lag a node may have",
            p => p.Consensus.BlockConfirmations, (p, v) => p with { Consensus = p.Consensus with { BlockConfirmations = v } }),
        Duration("Consensus", "ha_policy.consensus.heartbeat_interval", "Heartbeat interval", "How often validators say they are alive",
            p => p.Consensus.HeartbeatInterval, (p, v) => p with { Consensus = p.Consensus with { HeartbeatInterval = v } }),

        Number("Replication", "ha_policy.replication.replication_factor", "Replication factor", "Copies of each piece of data",
            p => p.Replication.ReplicationFactor, (p, v) => p with { Replication = p.Replication with { ReplicationFactor = v } }),
        Duration("Replication", "ha_policy.replication.sync_interval", "Sync interval", "How often replicas reconcile",
            p => p.Replication.SyncInterval, (p, v) => p with { Replication = p.Replication with { SyncInterval = v } }),
        Choice<Consistency>("Replication", "ha_policy.replication.consistency", "Consistency", "When a write counts as done",
            p => p.Replication.Consistency, (p, v) => p with { Replication = p.Replication with { Consistency = v } }),

        Duration("Failover", "ha_policy.failover.detection_timeout", "Detection timeout", "Silence before a node counts as failed",
            p => p.Failover.DetectionTimeout, (p, v) => p with { Failover = p.Failover with { DetectionTimeout = v } }),
        Choice<RecoveryAction>("Failover", "ha_policy.failover.recovery_action", "Recovery action", "What is done with a failed node",
            p => p.Failover.RecoveryAction, (p, v) => p with { Failover = p.Failover with { RecoveryAction = v } }),
        Number("Failover", "ha_policy.failover.max_retries", "Max retries", "Recovery attempts before a human is needed",
            p => p.Failover.MaxRetries, (p, v) => p with { Failover = p.Failover with { MaxRetries = v } }),
        Switch("Failover", "ha_policy.failover.notify", "Notify", "Alert when a failover happens",
            p => p.Failover.Notify, (p, v) => p with { Failover = p.Failover with { Notify = v } }),

        Duration("Health checks", "ha_policy.health_checks.interval", "Interval", "Time between probes of one node",
            p => p.HealthChecks.Interval, (p, v) => p with { HealthChecks = p.HealthChecks with { Interval = v } }),
        Duration("Health checks", "ha_policy.health_checks.timeout", "Timeout", "How long one probe may take",
            p => p.HealthChecks.Timeout, (p, v) => p with { HealthChecks = p.HealthChecks with { Timeout = v } }),
        Number("Health checks", "ha_policy.health_checks.retries", "Retries", "Failed probes in a row before a node is Down",
            p => p.HealthChecks.Retries, (p, v) => p with { HealthChecks = p.HealthChecks with { Retries = v } }),

        Switch("Backups", "ha_policy.backups.enabled", "Enabled", "Whether backups run",
            p => p.Backups.Enabled, (p, v) => p with { Backups = p.Backups with { Enabled = v } }),
        Text("Backups", "ha_policy.backups.schedule", "Schedule", "Cron, 5 fields, UTC: 0 2 * * * is daily at 02:00",
            p => p.Backups.Schedule, (p, v) => p with { Backups = p.Backups with { Schedule = v } }),
        Number("Backups", "ha_policy.backups.retention_days", "Retention (days)", "How long a backup is kept",
            p => p.Backups.RetentionDays, (p, v) => p with { Backups = p.Backups with { RetentionDays = v } }),
        Text("Backups", "ha_policy.backups.storage_uri", "Storage", "s3://…, gs://…, azure://… or file:///…",
            p => p.Backups.StorageUri, (p, v) => p with { Backups = p.Backups with { StorageUri = v } }),
        Switch("Backups", "ha_policy.backups.encryption", "Encryption", "Encrypt backups at rest",
            p => p.Backups.Encryption, (p, v) => p with { Backups = p.Backups with { Encryption = v } }),
        Switch("Backups", "ha_policy.backups.compression", "Compression", "Compress backups",
            p => p.Backups.Compression, (p, v) => p with { Backups = p.Backups with { Compression = v } }),

        Duration("Disaster recovery", "ha_policy.disaster_recovery.rpo", "RPO", "The most data, as time, that may be lost",
            p => p.DisasterRecovery.Rpo, (p, v) => p with { DisasterRecovery = p.DisasterRecovery with { Rpo = v } }),
        Duration("Disaster recovery", "ha_policy.disaster_recovery.rto", "RTO", "The longest outage allowed",
            p => p.DisasterRecovery.Rto, (p, v) => p with { DisasterRecovery = p.DisasterRecovery with { Rto = v } }),
        Text("Disaster recovery", "ha_policy.disaster_recovery.secondary_region", "Secondary region", "Where to recover; not the primary",
            p => p.DisasterRecovery.SecondaryRegion ?? string.Empty, (p, v) => p with { DisasterRecovery = p.DisasterRecovery with { SecondaryRegion = Empty(v) } }),

        Switch("Multi-region", "ha_policy.multi_region.enabled", "Enabled", "The app spans the regions listed above",
            p => p.MultiRegion.Enabled, (p, v) => p with { MultiRegion = p.MultiRegion with { Enabled = v } }),
        Text("Multi-region", "ha_policy.multi_region.primary_region", "Primary region", "The region that leads; empty for the first",
            p => p.MultiRegion.PrimaryRegion ?? string.Empty, (p, v) => p with { MultiRegion = p.MultiRegion with { PrimaryRegion = Empty(v) } }),
        Choice<Synchronization>("Multi-region", "ha_policy.multi_region.synchronization", "Synchronization", "How regions keep in step",
            p => p.MultiRegion.Synchronization, (p, v) => p with { MultiRegion = p.MultiRegion with { Synchronization = v } }),
        Switch("Multi-region", "ha_policy.multi_region.automatic_failover", "Automatic failover", "Promote another region without a human",
            p => p.MultiRegion.AutomaticFailover, (p, v) => p with { MultiRegion = p.MultiRegion with { AutomaticFailover = v } }),

        Switch("Network", "ha_policy.network.dual_stack", "Dual stack", "IPv4 and IPv6",
            p => p.Network.DualStack, (p, v) => p with { Network = p.Network with { DualStack = v } }),
        Switch("Network", "ha_policy.network.multi_provider", "Multiple providers", "More than one network or cloud provider",
            p => p.Network.MultiProvider, (p, v) => p with { Network = p.Network with { MultiProvider = v } }),
        Switch("Network", "ha_policy.network.dns_redundancy", "DNS redundancy", "More than one DNS provider",
            p => p.Network.DnsRedundancy, (p, v) => p with { Network = p.Network with { DnsRedundancy = v } }),

        Choice<MaintenanceStrategy>("Maintenance", "ha_policy.maintenance.strategy", "Strategy", "How maintenance replaces nodes",
            p => p.Maintenance.Strategy, (p, v) => p with { Maintenance = p.Maintenance with { Strategy = v } }),
        Text("Maintenance", "ha_policy.maintenance.window_schedule", "Window opens", "Cron, 5 fields: 0 2 * * 0 is Sundays at 02:00",
            p => p.Maintenance.WindowSchedule, (p, v) => p with { Maintenance = p.Maintenance with { WindowSchedule = v } }),
        Duration("Maintenance", "ha_policy.maintenance.window_duration", "Window length", "How long a window stays open",
            p => p.Maintenance.WindowDuration, (p, v) => p with { Maintenance = p.Maintenance with { WindowDuration = v } }),
        Text("Maintenance", "ha_policy.maintenance.time_zone", "Time zone", "IANA name, like Europe/Berlin",
            p => p.Maintenance.TimeZone, (p, v) => p with { Maintenance = p.Maintenance with { TimeZone = v } }),
        Text("Maintenance", "ha_policy.maintenance.max_unavailable", "Max unavailable", "A count (1) or a share (25%) of a component",
            p => p.Maintenance.MaxUnavailable, (p, v) => p with { Maintenance = p.Maintenance with { MaxUnavailable = v } }),
        Duration("Maintenance", "ha_policy.maintenance.drain_timeout", "Drain timeout", "Time a node gets to finish its work",
            p => p.Maintenance.DrainTimeout, (p, v) => p with { Maintenance = p.Maintenance with { DrainTimeout = v } }),
    ];

    private static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static PolicyField Number(string group, string path, string label, string help, Func<HaPolicy, int> read, Func<HaPolicy, int, HaPolicy> write) =>
        new(group, path, label, help, PolicyFieldKind.Number, p => read(p).ToString(System.Globalization.CultureInfo.InvariantCulture), (p, text) => write(p, ParseNumber(label, text)));

    private static PolicyField OptionalNumber(string group, string path, string label, string help, Func<HaPolicy, int?> read, Func<HaPolicy, int?, HaPolicy> write) =>
        new(group, path, label, help, PolicyFieldKind.OptionalNumber, p => read(p)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            (p, text) => write(p, string.IsNullOrWhiteSpace(text) ? null : ParseNumber(label, text)));

    private static PolicyField Duration(string group, string path, string label, string help, Func<HaPolicy, TimeSpan> read, Func<HaPolicy, TimeSpan, HaPolicy> write) =>
        new(group, path, label, help, PolicyFieldKind.Duration, p => DurationText.Format(read(p)),
            (p, text) => write(p, DurationText.TryParse(text, out var value, out var error) ? value : throw new FormatException($"{label}: {error}")));

    private static PolicyField Switch(string group, string path, string label, string help, Func<HaPolicy, bool> read, Func<HaPolicy, bool, HaPolicy> write) =>
        new(group, path, label, help, PolicyFieldKind.Switch, p => read(p) ? "true" : "false", (p, text) => write(p, text == "true"));

    private static PolicyField Text(string group, string path, string label, string help, Func<HaPolicy, string> read, Func<HaPolicy, string, HaPolicy> write) =>
        new(group, path, label, help, PolicyFieldKind.Text, read, (p, text) => write(p, text.Trim()));

    private static PolicyField Choice<T>(string group, string path, string label, string help, Func<HaPolicy, T> read, Func<HaPolicy, T, HaPolicy> write)
        where T : struct, Enum =>
        new(group, path, label, help, PolicyFieldKind.Choice, p => read(p).ToString(),
            (p, text) => write(p, Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value
                : throw new FormatException($"{label}: one of {string.Join(", ", Enum.GetNames<T>())}.")),
            Enum.GetNames<T>());

    private static int ParseNumber(string label, string text) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{label}: write a whole number.");
}
