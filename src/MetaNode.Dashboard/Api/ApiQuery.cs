using System.Globalization;
using System.Text.RegularExpressions;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// Reads query parameters strictly, so that a bad value is answered with a 400 that names the
/// parameter and its rule (the framework's binder would answer a bare 400).
/// </summary>
internal static partial class ApiQuery
{
    /// <summary>The longest time range a history read may span.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(30);

    /// <summary>Reads <c>from</c> and <c>to</c>: <c>to</c> defaults to now, <c>from</c> to <paramref name="defaultSpan"/> before <c>to</c>.</summary>
    public static bool TryRange(string? from, string? to, DateTimeOffset now, TimeSpan defaultSpan, Dictionary<string, string> errors, out DateTimeOffset start, out DateTimeOffset end)
    {
        var endOk = TryTime(to, "to", errors, out var parsedEnd);
        var startOk = TryTime(from, "from", errors, out var parsedStart);
        end = parsedEnd ?? now;
        start = parsedStart ?? end - defaultSpan;
        if (!endOk || !startOk)
        {
            return false;
        }

        if (start >= end)
        {
            errors["from"] = "must be before to";
            return false;
        }

        if (end - start > MaxRange)
        {
            errors["from"] = $"must be at most {MaxRange.TotalDays:0} days before to";
            return false;
        }

        return true;
    }

    /// <summary>Reads an optional ISO-8601 time (a time without an offset is UTC).</summary>
    public static bool TryTime(string? text, string name, Dictionary<string, string> errors, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!IsoTime().IsMatch(text.Trim())
            || !DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            errors[name] = "must be an ISO-8601 time such as 2026-11-27T10:00:00Z";
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>Reads an optional <c>true</c>/<c>false</c>.</summary>
    public static bool TryBoolean(string? text, string name, Dictionary<string, string> errors, out bool? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (bool.TryParse(text.Trim(), out var parsed))
        {
            value = parsed;
            return true;
        }

        errors[name] = "must be true or false";
        return false;
    }

    /// <summary>Reads an optional whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryInteger(string? text, string name, int min, int max, Dictionary<string, string> errors, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        errors[name] = string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}");
        return false;
    }

    /// <summary>Reads an optional enum value by name (any case).</summary>
    public static bool TryEnum<T>(string? text, string name, Dictionary<string, string> errors, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(text.Trim()[0]))
        {
            value = parsed;
            return true;
        }

        var names = Enum.GetNames<T>();
        errors[name] = $"must be {string.Join(", ", names[..^1])} or {names[^1]}";
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoTime();
}
