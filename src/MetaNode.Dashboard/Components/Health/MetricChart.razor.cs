using System.Collections.Immutable;
using System.Globalization;
using MetaNode.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A time-series line of one metric, with its latest value in words.</summary>
public partial class MetricChart
{
    private ImmutableArray<TimePoint> _points;
    private ChartRange _range;
    private List<ChartSeries<double>> _series = [];
    private TimeSeriesChartOptions _options = new();

    /// <summary>What is charted ("Height").</summary>
    [Parameter, EditorRequired]
    public required string Title { get; set; }

    /// <summary>Its unit ("blocks", "ms").</summary>
    [Parameter, EditorRequired]
    public required string Unit { get; set; }

    /// <summary>The points, oldest first.</summary>
    [Parameter, EditorRequired]
    public required ImmutableArray<TimePoint> Points { get; set; }

    /// <summary>The period shown, for the axis labels.</summary>
    [Parameter, EditorRequired]
    public required ChartRange Range { get; set; }

    /// <summary>True when the axis starts at zero (lag, latency); false to zoom on the values (height).</summary>
    [Parameter]
    public bool FromZero { get; set; }

    private string LastValue => Points[^1].Value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // Rebuild the series only for new data: the chart re-lays itself out on every new series.
        if (_points == Points && _range == Range && _series.Count > 0)
        {
            return;
        }

        _points = Points;
        _range = Range;
        _series = Points.IsDefaultOrEmpty
            ? []
            : [new ChartSeries<double> { Name = Title, Data = Points.Select(p => (p.At, p.Value)).ToList() }];
        _options = new TimeSeriesChartOptions
        {
            ShowLegend = false,
            TimeLabelSpacing = Range.LabelSpacing(),
            TimeLabelSpacingRounding = true,
            TimeLabelFormat = "HH:mm",
            TooltipTimeLabelFormat = "HH:mm:ss 'UTC'",
            LineStrokeWidth = 2,
            YAxisRequireZeroPoint = FromZero,
            YAxisFormat = "#,0.##",
        };
    }
}
