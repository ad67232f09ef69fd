using System.Globalization;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>
/// Durations as HAProxy and Docker Compose both read them: whole seconds as <c>2s</c>, anything else
/// in milliseconds (<c>500ms</c>). Not <see cref="Design.DurationText"/>: HAProxy takes one unit per
/// value, so its <c>1h30m</c> would not do.
/// </summary>
internal static class ConfigDuration
{
    /// <summary>The text of <paramref name="time"/>, rounded up to a millisecond and at least one (zero means "never" to some settings).</summary>
    public static string Format(TimeSpan time)
    {
        var milliseconds = Math.Max(1, (long)Math.Ceiling(time.TotalMilliseconds));
        return milliseconds % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000}s")
            : string.Create(CultureInfo.InvariantCulture, $"{milliseconds}ms");
    }
}
