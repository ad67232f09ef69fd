namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>How bad an issue is.</summary>
public enum IssueSeverity
{
    /// <summary>Allowed, but an operator should know (the message says what can go wrong).</summary>
    Warning,

    /// <summary>The design cannot be saved or applied.</summary>
    Error,
}

/// <summary>One problem with a design, or with a document being imported.</summary>
/// <param name="Severity">Error (blocks saving) or warning.</param>
/// <param name="Field">Where, as a <see cref="FieldPath"/> (<c>components[validator].replicas</c>); empty for the whole document.</param>
/// <param name="Rule">The rule broken, kebab-case (<see cref="TopologyRules"/>).</param>
/// <param name="Message">What is wrong, with the numbers, in words an operator acts on.</param>
public sealed record TopologyIssue(IssueSeverity Severity, string Field, string Rule, string Message)
{
    /// <summary>1-based line in the imported document, when the issue came from one.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column in the imported document, when the issue came from one.</summary>
    public int? Column { get; init; }

    /// <summary>True for <see cref="IssueSeverity.Error"/>.</summary>
    public bool IsError => Severity == IssueSeverity.Error;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Rule}{(Line is { } line ? $" (line {line}, column {Column})" : string.Empty)}: {(Field.Length > 0 ? $"{Field}: " : string.Empty)}{Message}";
}
