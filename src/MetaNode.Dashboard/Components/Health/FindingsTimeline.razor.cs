using System.Collections.Immutable;
using System.Globalization;
using MetaNode.Dashboard.Components.Shared;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>Findings of a period (active and ended) on a time line.</summary>
public partial class FindingsTimeline
{
    /// <summary>At most this many entries are drawn; a flapping node must not flood the page.</summary>
    public const int MaxShown = 100;

    private const double MinBarPercent = 0.4;

    /// <summary>The findings, newest first.</summary>
    [Parameter, EditorRequired]
    public required ImmutableArray<Finding> Findings { get; set; }

    /// <summary>The end of the period.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Now { get; set; }

    /// <summary>The length of the period.</summary>
    [Parameter]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>What an empty period means.</summary>
    [Parameter]
    public string EmptyText { get; set; } = "No findings in the last 24 hours";

    private IEnumerable<Finding> Shown => Findings.Take(MaxShown);

    private string WindowLabel => Window.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Window.TotalHours:0.#}h")
        : string.Create(CultureInfo.InvariantCulture, $"{Window.TotalMinutes:0}m");

    private string Start(Finding finding) =>
        finding.StartedAt.UtcDateTime.ToString(Now - finding.StartedAt < TimeSpan.FromDays(1) ? "HH:mm:ss" : "MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string Duration(Finding finding) =>
        finding.IsActive ? "ongoing · " + Formatting.Duration(finding.Duration(Now)) : Formatting.Duration(finding.Duration(Now));

    // Places the finding in the window: left edge at its start (clamped to the window), at least a sliver wide.
    private string BarStyle(Finding finding)
    {
        var from = Now - Window;
        var start = finding.StartedAt < from ? from : finding.StartedAt;
        var end = finding.EndedAt ?? Now;
        var left = Math.Clamp((start - from) / Window * 100, 0, 100 - MinBarPercent);
        var width = Math.Clamp((end - start) / Window * 100, MinBarPercent, 100 - left);
        return string.Create(CultureInfo.InvariantCulture, $"left: {left:0.##}%; width: {width:0.##}%");
    }
}
