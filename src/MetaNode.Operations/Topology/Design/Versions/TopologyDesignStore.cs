using System.Text.Json;
using System.Text.Json.Serialization;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Security;
using MetaNode.Operations.Topology.Design.Validation;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Topology.Design.Versions;

/// <summary>Who saved a version of a design, when, and whether it was applied.</summary>
public sealed record DesignVersionInfo(
    string App,
    int Version,
    string Author,
    DateTimeOffset SavedAt,
    string? Comment,
    DateTimeOffset? AppliedAt,
    string? AppliedBy);

/// <summary>A design and the version it is (null for a design never saved: the app's configuration).</summary>
public sealed record StoredDesign(TopologyDesign Design, DesignVersionInfo? Version);

/// <summary>
/// Every saved change of a design is a new version (author, time, comment); nothing is overwritten.
/// Saving passes the <see cref="OperationGate"/> (Operator, audited as <c>topology.save</c>) and
/// refuses a design with validation errors, leaving the stored versions untouched.
/// </summary>
public sealed class TopologyDesignStore(
    IDbContextFactory<DashboardDbContext> contextFactory,
    OperationGate gate,
    AppCatalog catalog,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The latest version of <paramref name="app"/>'s design, or its configuration as a design when none was saved.</summary>
    /// <exception cref="KeyNotFoundException">The dashboard knows no such app.</exception>
    public async Task<StoredDesign> CurrentOrDefaultAsync(string app, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await context.TopologyDesignVersions.AsNoTracking()
            .Where(v => v.App == app)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            return ToStored(latest);
        }

        var topology = catalog.Find(app) ?? throw new KeyNotFoundException($"There is no app named {app}.");
        return new StoredDesign(TopologyDesign.FromAppTopology(topology), null);
    }

    /// <summary>Every version of <paramref name="app"/>'s design, newest first.</summary>
    public async Task<IReadOnlyList<DesignVersionInfo>> VersionsAsync(string app, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await context.TopologyDesignVersions.AsNoTracking()
            .Where(v => v.App == app)
            .OrderByDescending(v => v.Version)
            .ToListAsync(cancellationToken);
        return [.. records.Select(Info)];
    }

    /// <summary>Version <paramref name="version"/> of <paramref name="app"/>'s design, or null.</summary>
    public async Task<StoredDesign?> GetAsync(string app, int version, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await context.TopologyDesignVersions.AsNoTracking().FirstOrDefaultAsync(v => v.App == app && v.Version == version, cancellationToken);
        return record is null ? null : ToStored(record);
    }

    /// <summary>The newest applied version of every app that has one (what the cluster should run).</summary>
    public async Task<IReadOnlyList<StoredDesign>> AppliedAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var applied = await context.TopologyDesignVersions.AsNoTracking().Where(v => v.AppliedAtMs != null).ToListAsync(cancellationToken);
        return [.. applied.GroupBy(v => v.App, StringComparer.Ordinal).Select(g => ToStored(g.MaxBy(v => v.AppliedAtMs)!))];
    }

    /// <summary>Saves <paramref name="design"/> as the next version.</summary>
    /// <exception cref="OperationValidationException">The design has validation errors (by field path); nothing is stored.</exception>
    /// <exception cref="OperationDeniedException">The actor is no Operator.</exception>
    public Task<StoredDesign> SaveAsync(Actor actor, TopologyDesign design, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(design);
        var request = new OperationRequest("topology.save", design.Name, DashboardRole.Operator, design.Name, new { comment });
        return gate.RunAsync(
            actor,
            request,
            async ct =>
            {
                var errors = TopologyValidator.Validate(design).Where(i => i.IsError).ToList();
                if (catalog.Find(design.Name) is null)
                {
                    throw new OperationValidationException(new Dictionary<string, string>(StringComparer.Ordinal) { [DesignKeys.Name] = $"There is no app named {design.Name}." });
                }

                if (errors.Count > 0)
                {
                    throw new OperationValidationException(errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal));
                }

                await using var context = await contextFactory.CreateDbContextAsync(ct);
                var last = await context.TopologyDesignVersions.Where(v => v.App == design.Name).MaxAsync(v => (int?)v.Version, ct) ?? 0;
                var record = new TopologyDesignVersionRecord
                {
                    App = design.Name,
                    Version = last + 1,
                    Author = actor.Name,
                    SavedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                    Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
                    DesignJson = JsonSerializer.Serialize(design, Json),
                };
                context.TopologyDesignVersions.Add(record);
                await context.SaveChangesAsync(ct);
                return ToStored(record);
            },
            cancellationToken);
    }

    /// <summary>Records that <paramref name="version"/> was applied (the applier audits the apply itself).</summary>
    public async Task MarkAppliedAsync(string app, int version, string appliedBy, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await context.TopologyDesignVersions.FirstOrDefaultAsync(v => v.App == app && v.Version == version, cancellationToken)
            ?? throw new KeyNotFoundException($"{app} has no design version {version}.");
        record.AppliedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        record.AppliedBy = appliedBy;
        await context.SaveChangesAsync(cancellationToken);
    }

    private static StoredDesign ToStored(TopologyDesignVersionRecord record) =>
        new(JsonSerializer.Deserialize<TopologyDesign>(record.DesignJson, Json)!, Info(record));

    private static DesignVersionInfo Info(TopologyDesignVersionRecord record) => new(
        record.App,
        record.Version,
        record.Author,
        DateTimeOffset.FromUnixTimeMilliseconds(record.SavedAtMs),
        record.Comment,
        record.AppliedAtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
        record.AppliedBy);
}
