using System.Collections.Immutable;
using System.Globalization;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A list of findings with severity, summary and age.</summary>
public partial class FindingsList
{
    /// <summary>The findings, in the order to show.</summary>
    [Parameter, EditorRequired]
    public required ImmutableArray<Finding> Findings { get; set; }

    /// <summary>Now, for ages.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Now { get; set; }

    /// <summary>What an empty list means.</summary>
    [Parameter]
    public string EmptyText { get; set; } = "No active findings";

    /// <summary>Where the subject of a finding is shown (a node's page), or null when it has no page.</summary>
    [Parameter]
    public Func<Finding, string?>? SubjectLink { get; set; }

    private static string Started(Finding finding) =>
        "since " + finding.StartedAt.ToString("u", CultureInfo.InvariantCulture);
}
