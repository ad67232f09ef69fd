using System.Globalization;

namespace MetaNode.Dashboard.Components.Shared;

/// <summary>Human-readable figures for pages: durations, sizes.</summary>
public static class Formatting
{
    /// <summary>"3d 4h", "2h 05m", "4m 09s", "12s": the two largest units.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours}h")
            : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m {span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds}s");
    }

    /// <summary>"812 B", "64.0 KiB", "3.2 MiB".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    /// <summary>"&lt;1m", "4m", "2h 05m", "3d 4h": <see cref="Duration"/> without seconds, for figures redrawn once a minute.</summary>
    public static string CoarseDuration(TimeSpan span) =>
        span.TotalMinutes < 1 ? "<1m"
            : span.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m")
            : Duration(span);

    /// <summary>"1,000": a count with thousands separators.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"12 ms", "1,250 ms": a latency in whole milliseconds.</summary>
    public static string Milliseconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalMilliseconds):N0} ms");

    /// <summary>"0x3f2a…9c1d": a long hex value cut to its ends; short values unchanged.</summary>
    public static string ShortHash(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.Length <= 14 ? hash : string.Concat(hash.AsSpan(0, 6), "…", hash.AsSpan(hash.Length - 4));
    }
}
