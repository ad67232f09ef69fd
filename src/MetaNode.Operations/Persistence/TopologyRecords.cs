using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MetaNode.Operations.Persistence;

/// <summary>One saved version of an app's topology design. Rows are never changed, except to mark a version applied.</summary>
public sealed class TopologyDesignVersionRecord
{
    public long Id { get; set; }

    public required string App { get; set; }

    /// <summary>1, 2, 3… per app.</summary>
    public int Version { get; set; }

    public required string Author { get; set; }

    public long SavedAtMs { get; set; }

    public string? Comment { get; set; }

    /// <summary>The design as JSON (the store's own format, not the import/export one).</summary>
    public required string DesignJson { get; set; }

    /// <summary>When this version was applied to the cluster, if it was.</summary>
    public long? AppliedAtMs { get; set; }

    public string? AppliedBy { get; set; }
}

internal sealed class TopologyDesignVersionRecordConfiguration : IEntityTypeConfiguration<TopologyDesignVersionRecord>
{
    public void Configure(EntityTypeBuilder<TopologyDesignVersionRecord> builder)
    {
        builder.ToTable("TopologyDesignVersions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.App, v.Version }).IsUnique();
        builder.Property(v => v.App).HasMaxLength(64);
        builder.Property(v => v.Author).HasMaxLength(128);
        builder.Property(v => v.Comment).HasMaxLength(500);
        builder.Property(v => v.AppliedBy).HasMaxLength(128);
    }
}
