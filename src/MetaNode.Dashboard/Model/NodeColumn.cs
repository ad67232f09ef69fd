namespace MetaNode.Dashboard.Model;

/// <summary>The columns of the node grid, each sortable.</summary>
public enum NodeColumn
{
    /// <summary>Status, worst first when ascending.</summary>
    Status,

    /// <summary>Name, by component then ordinal (validator-2 before validator-10).</summary>
    Name,

    /// <summary>Component.</summary>
    Component,

    /// <summary>Placement zone.</summary>
    Zone,

    /// <summary>Head height.</summary>
    Height,

    /// <summary>Blocks behind the app head.</summary>
    Lag,

    /// <summary>Peer count.</summary>
    Peers,

    /// <summary>Probe round trip.</summary>
    Latency,

    /// <summary>Client version.</summary>
    Client,

    /// <summary>Time since the node last came up.</summary>
    Uptime,
}
