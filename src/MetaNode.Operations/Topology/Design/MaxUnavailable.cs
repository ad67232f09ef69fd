using System.Globalization;

namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// How many replicas of a component a rolling operation may take down at once: a count
/// (<c>1</c>) or a percentage of the replicas (<c>25%</c>).
/// </summary>
/// <param name="Value">The count, or the percentage (1–100).</param>
/// <param name="IsPercent">True for a percentage.</param>
public readonly record struct MaxUnavailable(int Value, bool IsPercent)
{
    /// <summary>Reads a positive count or a percentage from 1% to 100%; false for anything else.</summary>
    public static bool TryParse(string? text, out MaxUnavailable value)
    {
        value = default;
        var span = (text ?? string.Empty).Trim();
        var percent = span.EndsWith('%');
        if (!int.TryParse(percent ? span[..^1] : span, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < 1
            || (percent && number > 100))
        {
            return false;
        }

        value = new MaxUnavailable(number, percent);
        return true;
    }

    /// <summary>
    /// Replicas that may be down at once out of <paramref name="replicas"/>: a percentage rounds down
    /// (as Kubernetes does) but is at least 1 so that an operation can progress; never more than there are.
    /// </summary>
    public int For(int replicas) =>
        replicas <= 0 ? 0 : (int)Math.Min(replicas, Math.Max(1, IsPercent ? (long)replicas * Value / 100 : Value));

    /// <inheritdoc />
    public override string ToString() => IsPercent
        ? string.Create(CultureInfo.InvariantCulture, $"{Value}%")
        : Value.ToString(CultureInfo.InvariantCulture);
}
