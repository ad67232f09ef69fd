namespace MetaNode.Operations.Topology.Planning;

/// <summary>What one step of a plan does.</summary>
public enum PlanStepKind
{
    /// <summary>Create and start a node.</summary>
    AddNode,

    /// <summary>Stop and remove a node (its data goes with it).</summary>
    RemoveNode,

    /// <summary>Tell the validators a new set or quorum (they keep running).</summary>
    ChangeMembership,

    /// <summary>A setting the dashboard itself uses (health checks, confirmations); no node changes.</summary>
    ChangeSetting,
}

/// <summary>One step, in the words an operator reads before confirming.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Target">The node, component or setting it touches.</param>
/// <param name="Description">The sentence shown in the plan.</param>
public sealed record PlanStep(PlanStepKind Kind, string Target, string Description);

/// <summary>
/// The difference between what runs and what a design asks for, as ordered steps, with the reasons
/// it may not be applied. A plan with <see cref="Refusals"/> is shown but cannot be applied.
/// </summary>
/// <param name="App">The app.</param>
/// <param name="Steps">In the order they happen: additions first, so capacity grows before it shrinks.</param>
/// <param name="Refusals">Why applying would be unsafe or impossible; empty when it may go ahead.</param>
/// <param name="Warnings">What the operator should know but does not block.</param>
public sealed record TopologyPlan(string App, IReadOnlyList<PlanStep> Steps, IReadOnlyList<string> Refusals, IReadOnlyList<string> Warnings)
{
    /// <summary>True when nothing would change.</summary>
    public bool IsEmpty => Steps.Count == 0;

    /// <summary>True when the plan may be applied.</summary>
    public bool CanApply => Refusals.Count == 0 && Steps.Count > 0;
}
