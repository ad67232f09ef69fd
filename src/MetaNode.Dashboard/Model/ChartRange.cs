namespace MetaNode.Dashboard.Model;

/// <summary>How far back the node page's charts reach.</summary>
public enum ChartRange
{
    /// <summary>The last 15 minutes (raw samples).</summary>
    FifteenMinutes,

    /// <summary>The last hour.</summary>
    OneHour,

    /// <summary>The last 24 hours.</summary>
    OneDay,
}

/// <summary>The spans and labels of <see cref="ChartRange"/>.</summary>
public static class ChartRanges
{
    /// <summary>Every range, shortest first.</summary>
    public static IReadOnlyList<ChartRange> All { get; } = [ChartRange.FifteenMinutes, ChartRange.OneHour, ChartRange.OneDay];

    /// <summary>How far back.</summary>
    public static TimeSpan Span(this ChartRange range) => range switch
    {
        ChartRange.OneHour => TimeSpan.FromHours(1),
        ChartRange.OneDay => TimeSpan.FromHours(24),
        _ => TimeSpan.FromMinutes(15),
    };

    /// <summary>"15m", "1h", "24h".</summary>
    public static string Label(this ChartRange range) => range switch
    {
        ChartRange.OneHour => "1h",
        ChartRange.OneDay => "24h",
        _ => "15m",
    };

    /// <summary>The spacing of time labels on the x axis: about six labels per chart.</summary>
    public static TimeSpan LabelSpacing(this ChartRange range) => range switch
    {
        ChartRange.OneHour => TimeSpan.FromMinutes(10),
        ChartRange.OneDay => TimeSpan.FromHours(4),
        _ => TimeSpan.FromMinutes(3),
    };
}
