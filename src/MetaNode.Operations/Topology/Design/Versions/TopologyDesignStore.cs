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
/// refuses a design with validation errors, leaving the stored versions untouched; saving a design
/// equal to the latest version adds nothing.
/// </summary>
public sealed class TopologyDesignStore(
    IDbContextFactory<DashboardDbContext> contextFactory,
    OperationGate gate,
    AppCatalog catalog,
    TimeProvider time)
{
    /// <summary>The longest comment kept with a version (the column's size).</summary>
    public const int MaxCommentLength = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The latest version of <paramref name="app"/>'s design, or its configuration as a design when none was saved.</summary>
    /// <exception cref="KeyNotFoundException">The dashboard knows no such app.</exception>
    public async Task<StoredDesign> CurrentOrDefaultAsync(string app, CancellationToken cancellationToken)
    {
        if (await LatestAsync(app, cancellationToken) is { } latest)
        {
            return latest;
        }

        var topology = catalog.Find(app) ?? throw new KeyNotFoundException($"There is no app named {app}.");
        return new StoredDesign(TopologyDesign.FromAppTopology(topology), null);
    }

    /// <summary>The newest saved version of <paramref name="app"/>'s design, or null when none was saved.</summary>
    public async Task<StoredDesign?> LatestAsync(string app, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var latest = await NewestFirst(context, app).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : ToStored(latest);
    }

    /// <summary>Every version of <paramref name="app"/>'s design, newest first.</summary>
    public async Task<IReadOnlyList<DesignVersionInfo>> VersionsAsync(string app, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await NewestFirst(context, app).AsNoTracking().ToListAsync(cancellationToken);
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

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, by field path (<see cref="TopologyDiff"/>).</summary>
    public static IReadOnlyList<DesignChange> Diff(TopologyDesign before, TopologyDesign after) => TopologyDiff.Between(before, after);

    /// <summary>
    /// Saves <paramref name="design"/> as the next version of its app (<see cref="TopologyDesign.Name"/>);
    /// when it equals the latest version, returns that one and adds nothing.
    /// </summary>
    /// <exception cref="OperationValidationException">
    /// The design has validation errors, its app is unknown, or the comment is too long: errors by
    /// field path, each message ending with its rule id; nothing is stored.
    /// </exception>
    /// <exception cref="OperationDeniedException">The actor is no Operator, or not for this app.</exception>
    public Task<StoredDesign> SaveAsync(Actor actor, TopologyDesign design, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(design);
        var request = new OperationRequest("topology.save", design.Name, DashboardRole.Operator, design.Name, new { comment });
        return gate.RunAsync(
            actor,
            request,
            ct => SaveValidAsync(actor, design, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), ct),
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

    private async Task<StoredDesign> SaveValidAsync(Actor actor, TopologyDesign design, string? comment, CancellationToken cancellationToken)
    {
        var errors = TopologyValidator.Validate(design).Where(i => i.IsError)
            .GroupBy(i => i.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(i => $"{i.Message} ({i.Rule})")), StringComparer.Ordinal);
        if (catalog.Find(design.Name) is null)
        {
            errors[DesignKeys.Name] = $"There is no app named {design.Name}.";
        }

        if (comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = $"the comment has {comment.Length} characters; at most {MaxCommentLength} are kept";
        }

        if (errors.Count > 0)
        {
            throw new OperationValidationException(errors);
        }

        // Two saves can race for the same number; the unique index turns the loser into a retry with the next one.
        for (var attempt = 1; ; attempt++)
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var latest = await NewestFirst(context, design.Name).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && ToStored(latest) is var current && current.Design == design)
            {
                return current;
            }

            var record = new TopologyDesignVersionRecord
            {
                App = design.Name,
                Version = (latest?.Version ?? 0) + 1,
                Author = actor.Name.Length <= 128 ? actor.Name : actor.Name[..128],
                SavedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                Comment = comment,
                DesignJson = JsonSerializer.Serialize(design, Json),
            };
            context.TopologyDesignVersions.Add(record);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return ToStored(record);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Lost the race for this version number: read the latest again.
            }
        }
    }

    private static IQueryable<TopologyDesignVersionRecord> NewestFirst(DashboardDbContext context, string app) =>
        context.TopologyDesignVersions.Where(v => v.App == app).OrderByDescending(v => v.Version);

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
