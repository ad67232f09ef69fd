using MetaNode.Operations.Health;
using MudBlazor;
using Severity = MetaNode.Operations.Health.Severity;

namespace MetaNode.Dashboard.Model;

/// <summary>How good or bad a state is; drives the colour, never shown by colour alone.</summary>
public enum Tone
{
    /// <summary>Unknown or not applicable.</summary>
    Neutral,

    /// <summary>All is well.</summary>
    Good,

    /// <summary>Needs attention.</summary>
    Warning,

    /// <summary>Service is impaired.</summary>
    Bad,
}

/// <summary>A state as the operator sees it: a tone (colour), an icon and a word.</summary>
/// <param name="Tone">The colour family.</param>
/// <param name="Word">The word ("Healthy", "At risk", "Down").</param>
/// <param name="Icon">The MudBlazor icon (SVG path data).</param>
public sealed record StatusLook(Tone Tone, string Word, string Icon)
{
    /// <summary>The CSS class of the tone: <c>mn-tone-good</c>, …</summary>
    public string ToneClass => Tone switch
    {
        Tone.Good => "mn-tone-good",
        Tone.Warning => "mn-tone-warning",
        Tone.Bad => "mn-tone-bad",
        _ => "mn-tone-neutral",
    };
}

/// <summary>The looks of every health state, in one place so pages agree.</summary>
public static class StatusLooks
{
    private static readonly StatusLook Healthy = new(Tone.Good, "Healthy", Icons.Material.Filled.CheckCircle);
    private static readonly StatusLook Degraded = new(Tone.Warning, "Degraded", Icons.Material.Filled.Warning);
    private static readonly StatusLook Down = new(Tone.Bad, "Down", Icons.Material.Filled.Error);

    /// <summary>A node's status.</summary>
    public static StatusLook Of(NodeStatus status) => status switch
    {
        NodeStatus.Up => new(Tone.Good, "Up", Icons.Material.Filled.CheckCircle),
        NodeStatus.Degraded => Degraded,
        NodeStatus.Down => Down,
        _ => new(Tone.Neutral, "Unknown", Icons.Material.Filled.HelpOutline),
    };

    /// <summary>A component: healthy when every node is up, down when none is, degraded between.</summary>
    public static StatusLook Of(ComponentHealth component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Total == 0 ? new(Tone.Neutral, "No nodes", Icons.Material.Filled.RemoveCircleOutline)
            : component.Healthy == component.Total ? Healthy
            : component.Healthy == 0 ? Down
            : Degraded;
    }

    /// <summary>A validator set's quorum.</summary>
    public static StatusLook Of(QuorumState quorum) => quorum switch
    {
        QuorumState.Healthy => Healthy,
        QuorumState.AtRisk => new(Tone.Warning, "At risk", Icons.Material.Filled.Warning),
        QuorumState.Lost => new(Tone.Bad, "Lost", Icons.Material.Filled.Error),
        _ => new(Tone.Neutral, "n/a", Icons.Material.Filled.RemoveCircleOutline),
    };

    /// <summary>A finding's severity.</summary>
    public static StatusLook Of(Severity severity) => severity switch
    {
        Severity.Critical => new(Tone.Bad, "Critical", Icons.Material.Filled.Error),
        Severity.Warning => new(Tone.Warning, "Warning", Icons.Material.Filled.Warning),
        _ => new(Tone.Neutral, "Info", Icons.Material.Filled.Info),
    };

    /// <summary>A finding's kind in words.</summary>
    public static string Describe(FindingKind kind) => kind switch
    {
        FindingKind.NodeDown => "Node down",
        FindingKind.ReplicationLag => "Replication lag",
        FindingKind.SplitBrain => "Split brain",
        FindingKind.ChainStall => "Chain stall",
        FindingKind.QuorumAtRisk => "Quorum at risk",
        FindingKind.QuorumLost => "Quorum lost",
        FindingKind.Failover => "Failover",
        FindingKind.ResourceContention => "Resource contention",
        _ => kind.ToString(),
    };
}
