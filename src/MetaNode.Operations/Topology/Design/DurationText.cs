using System.Globalization;
using System.Text;

namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// Durations as operators write them: <c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>,
/// or several units together (<c>1h30m</c>). Used by the YAML/JSON format and in messages.
/// </summary>
public static class DurationText
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("d", TimeSpan.TicksPerDay),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
    ];

    /// <summary>
    /// The shortest exact text in hours, minutes, seconds and milliseconds (<c>1h30m</c>, <c>500ms</c>,
    /// <c>0s</c>); days are written as hours (<c>24h</c>) because operators compare RPOs in hours.
    /// Anything finer than a millisecond is dropped.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var negative = value < TimeSpan.Zero;
        // Negating TimeSpan.MinValue overflows; a duration that long is nonsense anyway, so clamp.
        var rest = !negative ? value.Ticks : value == TimeSpan.MinValue ? TimeSpan.MaxValue.Ticks : -value.Ticks;
        var text = new StringBuilder();
        foreach (var (unit, ticks) in Units.Skip(1))
        {
            var count = rest / ticks;
            rest -= count * ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }

        return text.Length == 0 ? "0s" : negative ? $"-{text}" : text.ToString();
    }

    /// <summary>Reads <paramref name="text"/> (<c>2s</c>, <c>1h30m</c>, <c>-5m</c>, <c>0</c>); false with a reason when it is not a duration.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = string.Empty;
        var span = (text ?? string.Empty).Trim();
        if (span == "0")
        {
            return true;
        }

        var negative = span.StartsWith('-');
        var rest = negative ? span[1..] : span;
        if (rest.Length == 0)
        {
            error = "is empty; write a duration such as 500ms, 2s, 5m, 1h or 1h30m";
            return false;
        }

        long total = 0;
        while (rest.Length > 0)
        {
            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            var letters = digits;
            while (letters < rest.Length && char.IsAsciiLetterLower(rest[letters]))
            {
                letters++;
            }

            var unit = rest[digits..letters];
            var ticks = Units.FirstOrDefault(u => u.Unit == unit).Ticks;
            if (digits == 0 || digits > 12 || ticks == 0)
            {
                error = $"'{span}' is not a duration; write a whole number and a unit (ms, s, m, h, d), such as 500ms, 2s, 5m, 1h or 1h30m";
                return false;
            }

            var count = long.Parse(rest[..digits], CultureInfo.InvariantCulture);
            // 12 digits times a day's ticks can exceed long; a duration past TimeSpan's range is refused, not wrapped.
            if (count > TimeSpan.MaxValue.Ticks / ticks || total > TimeSpan.MaxValue.Ticks - (count * ticks))
            {
                error = $"'{span}' is too long";
                return false;
            }

            total += count * ticks;
            rest = rest[letters..];
        }

        value = TimeSpan.FromTicks(negative ? -total : total);
        return true;
    }
}
