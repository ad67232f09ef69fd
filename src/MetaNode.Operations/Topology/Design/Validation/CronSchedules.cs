using Cronos;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Reading 5-field cron schedules and measuring how far apart their runs can be.</summary>
public static class CronSchedules
{
    /// <summary>
    /// Gaps are measured over one year from 1 January 2024: a leap year, so a 29 February schedule
    /// shows its 4-year gap, and a full year, so monthly and weekday patterns all appear.
    /// </summary>
    private static readonly DateTime SampleStart = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime SampleEnd = SampleStart.AddDays(366);

    /// <summary>Reads <paramref name="text"/> as a 5-field cron expression; false with Cronos's reason otherwise.</summary>
    public static bool TryParse(string? text, out CronExpression? expression, out string error)
    {
        expression = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }

        try
        {
            expression = CronExpression.Parse(text.Trim(), CronFormat.Standard);
            return true;
        }
        catch (CronFormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>True when <paramref name="expression"/> has a run at all (it might name 30 February only).</summary>
    public static bool EverRuns(CronExpression expression, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.GetNextOccurrence(SampleStart, zone, inclusive: true) is not null;
    }

    /// <summary>
    /// The largest time between two consecutive runs (UTC), exact whenever it is longer than
    /// <paramref name="threshold"/>; when every gap is at most the threshold the result is some
    /// gap at most the threshold. Null when the schedule never runs.
    /// </summary>
    /// <remarks>
    /// Walking every run of <c>* * * * *</c> for a year is half a million steps; instead the walk
    /// jumps half the current bound ahead and only steps run by run where a gap longer than the
    /// bound may hide. A jump from run <c>o</c> to <c>p = next(o + k/2)</c> with <c>p − o ≤ k</c>
    /// cannot pass over a gap longer than <c>k</c>: such a gap would lie inside <c>[o, p]</c>.
    /// </remarks>
    public static TimeSpan? LargestGap(CronExpression expression, TimeSpan threshold)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var run = expression.GetNextOccurrence(SampleStart, inclusive: true);
        if (run is not { } current)
        {
            return null;
        }

        var largest = TimeSpan.Zero;
        while (current < SampleEnd)
        {
            // A bound under a minute (cron's resolution) would step run by run through dense schedules.
            var bound = new[] { largest, threshold, TimeSpan.FromMinutes(1) }.Max();
            var jump = bound / 2;
            if (expression.GetNextOccurrence(current + jump, inclusive: true) is { } ahead && ahead - current <= bound)
            {
                current = ahead;
                continue;
            }

            if (expression.GetNextOccurrence(current) is not { } next)
            {
                return null;
            }

            largest = next - current > largest ? next - current : largest;
            current = next;
        }

        return largest;
    }
}
