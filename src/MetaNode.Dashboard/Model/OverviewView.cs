using System.Collections.Immutable;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>What the overview shows of one app, taken from one snapshot.</summary>
public sealed record OverviewView
{
    /// <summary>How far back the timeline of findings reaches.</summary>
    public static readonly TimeSpan TimelineWindow = TimeSpan.FromHours(24);

    /// <summary>The app.</summary>
    public required string App { get; init; }

    /// <summary>The app's health; null before the monitor's first pass over it.</summary>
    public required AppHealth? Health { get; init; }

    /// <summary>Active findings, critical first, then newest first.</summary>
    public required ImmutableArray<Finding> Active { get; init; }

    /// <summary>Findings active or ended within <see cref="TimelineWindow"/>, newest first.</summary>
    public required ImmutableArray<Finding> Timeline { get; init; }

    /// <summary>The overview of <paramref name="app"/> in <paramref name="snapshot"/>.</summary>
    public static OverviewView Of(HealthSnapshot snapshot, string app, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var findings = snapshot.Findings.Where(f => f.App == app).ToList();
        return new OverviewView
        {
            App = app,
            Health = snapshot.Version > 0 ? snapshot.Apps.GetValueOrDefault(app) : null,
            Active = [.. findings.Where(f => f.IsActive).OrderByDescending(f => f.Severity).ThenByDescending(f => f.StartedAt)],
            Timeline = [.. findings.Where(f => (f.EndedAt ?? now) >= now - TimelineWindow).OrderByDescending(f => f.StartedAt)],
        };
    }
}
