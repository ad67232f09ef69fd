using System.Globalization;
using System.Text.RegularExpressions;

namespace MetaNode.Dashboard.Model;

/// <summary>Durations as operators write them: <c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, or combined (<c>1h30m</c>).</summary>
public static partial class DurationText
{
    /// <summary>The shortest exact text: 90 s → <c>1m30s</c>, 0.5 s → <c>500ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new System.Text.StringBuilder(value < TimeSpan.Zero ? "-" : string.Empty);
        var rest = value.Duration();
        foreach (var (unit, size) in Units)
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= TimeSpan.FromTicks(count * size.Ticks);
            }
        }

        return text.ToString();
    }

    /// <summary>Reads <paramref name="text"/>; false when it is not a duration (or longer than a year).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success || match.Groups["part"].Captures.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < match.Groups["count"].Captures.Count; i++)
        {
            if (!long.TryParse(match.Groups["count"].Captures[i].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 1_000_000)
            {
                return false;
            }

            var unit = Units.First(u => u.Unit == match.Groups["unit"].Captures[i].Value).Size;
            value += TimeSpan.FromTicks(count * unit.Ticks);
        }

        return value <= TimeSpan.FromDays(366);
    }

    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    [GeneratedRegex(@"^(?<part>(?<count>\d{1,7})(?<unit>ms|d|h|m|s))+$")]
    private static partial Regex Pattern();
}
