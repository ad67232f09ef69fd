namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Collects issues; the severity comes from the rule's entry in <see cref="TopologyRules"/>, so it cannot drift.</summary>
internal sealed class IssueCollector
{
    private readonly List<TopologyIssue> _issues = [];

    public IReadOnlyList<TopologyIssue> Issues => _issues;

    public void Add(string field, string rule, string message) =>
        _issues.Add(new TopologyIssue(TopologyRules.Get(rule).Severity, field, rule, message));

    /// <summary>Checks a duration is positive and at most 366 days; false when it is not.</summary>
    public bool Duration(string field, TimeSpan value, string what)
    {
        if (value <= TimeSpan.Zero)
        {
            Add(field, TopologyRules.DurationNotPositive, $"{what} is {DurationText.Format(value)}; it must be longer than 0");
            return false;
        }

        if (value > MaxDuration)
        {
            Add(field, TopologyRules.DurationTooLong, $"{what} is {DurationText.Format(value)}; at most {DurationText.Format(MaxDuration)} makes sense");
            return false;
        }

        return true;
    }

    /// <summary>The longest duration any setting may have.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromDays(366);
}
