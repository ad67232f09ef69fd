using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MetaNode.Operations.Persistence;

/// <summary>A finding as stored. Times are Unix milliseconds so SQLite can compare and order them.</summary>
public sealed class FindingRecord
{
    public Guid Id { get; set; }

    public required string App { get; set; }

    public required string Kind { get; set; }

    public required string Severity { get; set; }

    public required string Subject { get; set; }

    public required string Summary { get; set; }

    public long StartedAtMs { get; set; }

    public long? EndedAtMs { get; set; }
}

/// <summary>One node's state at one moment (raw: every few seconds; see <see cref="NodeMinuteRecord"/> for older).</summary>
public sealed class NodeSampleRecord
{
    public long Id { get; set; }

    public required string NodeId { get; set; }

    public long AtMs { get; set; }

    /// <summary><see cref="Health.NodeStatus"/> as a number (higher is worse: Up 1, Degraded 2, Down 3).</summary>
    public byte Status { get; set; }

    public long? Height { get; set; }

    public long? Lag { get; set; }

    public double? LatencyMs { get; set; }

    public int? Peers { get; set; }
}

/// <summary>A node's samples of one minute, folded: worst status, last height, largest lag, mean latency, fewest peers.</summary>
public sealed class NodeMinuteRecord
{
    public long Id { get; set; }

    public required string NodeId { get; set; }

    /// <summary>Start of the minute.</summary>
    public long AtMs { get; set; }

    public byte Status { get; set; }

    public long? Height { get; set; }

    public long? Lag { get; set; }

    public double? LatencyMs { get; set; }

    public int? Peers { get; set; }
}

internal sealed class FindingRecordConfiguration : IEntityTypeConfiguration<FindingRecord>
{
    public void Configure(EntityTypeBuilder<FindingRecord> builder)
    {
        builder.ToTable("Findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.App).HasMaxLength(64);
        builder.Property(f => f.Kind).HasMaxLength(32);
        builder.Property(f => f.Severity).HasMaxLength(16);
        builder.Property(f => f.Subject).HasMaxLength(128);
        builder.Property(f => f.Summary).HasMaxLength(1024);
        builder.HasIndex(f => new { f.App, f.StartedAtMs });
        builder.HasIndex(f => f.EndedAtMs);
    }
}

internal sealed class NodeSampleRecordConfiguration : IEntityTypeConfiguration<NodeSampleRecord>
{
    public void Configure(EntityTypeBuilder<NodeSampleRecord> builder)
    {
        builder.ToTable("NodeSamples");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.NodeId).HasMaxLength(192);
        builder.HasIndex(s => new { s.NodeId, s.AtMs });
        builder.HasIndex(s => s.AtMs);
    }
}

internal sealed class NodeMinuteRecordConfiguration : IEntityTypeConfiguration<NodeMinuteRecord>
{
    public void Configure(EntityTypeBuilder<NodeMinuteRecord> builder)
    {
        builder.ToTable("NodeMinutes");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.NodeId).HasMaxLength(192);
        builder.HasIndex(s => new { s.NodeId, s.AtMs }).IsUnique();
        builder.HasIndex(s => s.AtMs);
    }
}

/// <summary>A watched node added on the Watched nodes page (configured ones live in appsettings).</summary>
public sealed class WatchedNodeRecord
{
    public long Id { get; set; }

    public required string App { get; set; }

    public required string Name { get; set; }

    public required string Component { get; set; }

    public required string Url { get; set; }

    public string? Zone { get; set; }

    public string? Region { get; set; }

    public long AddedAtMs { get; set; }
}

internal sealed class WatchedNodeRecordConfiguration : IEntityTypeConfiguration<WatchedNodeRecord>
{
    public void Configure(EntityTypeBuilder<WatchedNodeRecord> builder)
    {
        builder.ToTable("WatchedNodes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.App).HasMaxLength(64);
        builder.Property(n => n.Name).HasMaxLength(64);
        builder.Property(n => n.Component).HasMaxLength(64);
        builder.Property(n => n.Url).HasMaxLength(512);
        builder.Property(n => n.Zone).HasMaxLength(64);
        builder.Property(n => n.Region).HasMaxLength(64);
        builder.HasIndex(n => new { n.App, n.Name }).IsUnique();
    }
}
