using System.Collections.Concurrent;
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

    /// <summary>
    /// Measuring a year of runs takes milliseconds and the designer validates on every edit, mostly of
    /// other fields: the answer for a schedule and threshold is kept (a pure function; the cache is
    /// emptied when it grows past a few hundred entries).
    /// </summary>
    private static readonly ConcurrentDictionary<(CronExpression, TimeSpan), TimeSpan?> Gaps = new();

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
    public static TimeSpan? LargestGap(CronExpression expression, TimeSpan threshold)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (Gaps.Count > 512)
        {
            Gaps.Clear();
        }

        return Gaps.GetOrAdd((expression, threshold), key => Measure(key.Item1, key.Item2));
    }

    private static TimeSpan? Measure(CronExpression expression, TimeSpan threshold)
    {
        var hour = TimeSpan.FromHours(1);
        var coarse = Walk(expression, SampleEnd, threshold > hour ? threshold : hour);
        if (coarse is not { } gap || gap > hour || threshold >= hour)
        {
            return coarse;
        }

        // No gap is longer than an hour, so every day has runs, and the minute and hour fields give
        // every day the same runs: two days show every gap, at minute resolution, in a few thousand steps.
        var minute = TimeSpan.FromMinutes(1);
        return Walk(expression, SampleStart.AddDays(2), threshold > minute ? threshold : minute);
    }

    /// <summary>
    /// Walks the runs from <see cref="SampleStart"/> to <paramref name="end"/>; the largest gap found
    /// is exact when it is longer than <paramref name="floor"/>.
    /// </summary>
    /// <remarks>
    /// Stepping run by run through <c>* * * * *</c> for a year is half a million steps; instead the
    /// walk jumps half the current bound ahead and steps run by run only where a longer gap may hide.
    /// A jump from run <c>o</c> to <c>p = next(o + k/2)</c> with <c>p − o ≤ k</c> cannot pass over a
    /// gap longer than <c>k</c>: such a gap would lie inside <c>[o, p]</c>.
    /// </remarks>
    private static TimeSpan? Walk(CronExpression expression, DateTime end, TimeSpan floor)
    {
        if (expression.GetNextOccurrence(SampleStart, inclusive: true) is not { } current)
        {
            return null;
        }

        var largest = TimeSpan.Zero;
        while (current < end)
        {
            var bound = largest > floor ? largest : floor;
            if (expression.GetNextOccurrence(current + (bound / 2), inclusive: true) is { } ahead && ahead - current <= bound)
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
