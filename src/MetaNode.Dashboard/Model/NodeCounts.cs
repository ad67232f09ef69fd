using System.Globalization;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>Nodes counted by status.</summary>
public sealed record NodeCounts(int Total, int Up, int Degraded, int Down, int Unknown)
{
    /// <summary>Counts <paramref name="nodes"/>.</summary>
    public static NodeCounts Of(IEnumerable<NodeHealth> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        int total = 0, up = 0, degraded = 0, down = 0, unknown = 0;
        foreach (var node in nodes)
        {
            total++;
            switch (node.Status)
            {
                case NodeStatus.Up: up++; break;
                case NodeStatus.Degraded: degraded++; break;
                case NodeStatus.Down: down++; break;
                default: unknown++; break;
            }
        }

        return new(total, up, degraded, down, unknown);
    }

    /// <summary>How many have <paramref name="status"/>.</summary>
    public int Of(NodeStatus status) => status switch
    {
        NodeStatus.Up => Up,
        NodeStatus.Degraded => Degraded,
        NodeStatus.Down => Down,
        _ => Unknown,
    };

    /// <summary>"1,000 nodes · 997 up · 3 down": the total, then every status that has nodes.</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string> { Total == 1 ? "1 node" : string.Create(CultureInfo.InvariantCulture, $"{Total:N0} nodes") };
            AddIfAny(parts, Up, "up");
            AddIfAny(parts, Degraded, "degraded");
            AddIfAny(parts, Down, "down");
            AddIfAny(parts, Unknown, "not checked yet");
            return string.Join(" · ", parts);
        }
    }

    private static void AddIfAny(List<string> parts, int count, string word)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {word}"));
        }
    }
}
