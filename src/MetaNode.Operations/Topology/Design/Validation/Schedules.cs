using Cronos;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>The cron checks the backup and maintenance schedules share.</summary>
internal static class Schedules
{
    /// <summary>The schedule, or null after reporting why it cannot be used.</summary>
    public static CronExpression? Read(IssueCollector issues, string field, string text, TimeZoneInfo zone, string what)
    {
        if (!CronSchedules.TryParse(text, out var expression, out var error))
        {
            issues.Add(field, CronInvalid, $"{what} '{text}' is not a cron expression (minute hour day-of-month month day-of-week, such as 0 2 * * *): {error}");
            return null;
        }

        if (!CronSchedules.EverRuns(expression!, zone))
        {
            issues.Add(field, CronNeverRuns, $"{what} '{text}' never runs: no date matches it");
            return null;
        }

        return expression;
    }
}
