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

/// <summary>One stored audit entry. Rows are only ever added (retention removes the oldest).</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public long AtMs { get; set; }

    public required string ActorKind { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Action { get; set; }

    public required string Target { get; set; }

    public string? App { get; set; }

    public string? Parameters { get; set; }

    public required string Outcome { get; set; }

    public string? Error { get; set; }

    public string? SourceAddress { get; set; }

    public required string CorrelationId { get; set; }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorKind).HasMaxLength(16);
        builder.Property(a => a.ActorId).HasMaxLength(128);
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(256);
        builder.Property(a => a.App).HasMaxLength(64);
        builder.Property(a => a.Parameters).HasMaxLength(4096);
        builder.Property(a => a.Outcome).HasMaxLength(16);
        builder.Property(a => a.Error).HasMaxLength(2048);
        builder.Property(a => a.SourceAddress).HasMaxLength(64);
        builder.Property(a => a.CorrelationId).HasMaxLength(128);
        builder.HasIndex(a => a.AtMs);
        builder.HasIndex(a => new { a.Action, a.AtMs });
        builder.HasIndex(a => new { a.ActorName, a.AtMs });
    }
}

/// <summary>An API key. Only a hash of its secret is kept: the key is shown once, when created.</summary>
public sealed class ApiKeyRecord
{
    /// <summary>The public part of the key (<c>mnk_{Id}_{secret}</c>).</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the secret, hex. Keys are 256-bit random: a slow hash adds nothing.</summary>
    public required string SecretHash { get; set; }

    public required string Role { get; set; }

    /// <summary>Apps it may touch, comma-separated; null for every app.</summary>
    public string? Apps { get; set; }

    public required string CreatedBy { get; set; }

    public long CreatedAtMs { get; set; }

    public long ExpiresAtMs { get; set; }

    public long? RevokedAtMs { get; set; }

    public string? RevokedBy { get; set; }

    public long? LastUsedAtMs { get; set; }
}

internal sealed class ApiKeyRecordConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(32);
        builder.Property(k => k.Name).HasMaxLength(128);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.Role).HasMaxLength(16);
        builder.Property(k => k.Apps).HasMaxLength(1024);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.RevokedBy).HasMaxLength(256);
    }
}
