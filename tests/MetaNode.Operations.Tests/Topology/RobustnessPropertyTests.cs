using MetaNode.Operations.Topology.Design.Analysis;
using MetaNode.Operations.Topology.Design.Validation;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>The designer runs validation and analysis on every edit, whatever the operator typed so far.</summary>
public sealed class RobustnessPropertyTests
{
    [Fact]
    public void ValidateAndAnalyze_AnyDesignWithAbsurdNumbers_AnswerWithoutThrowing()
    {
        Properties.Hold(DesignGenerator.Designs, tests: 200, property: design =>
            TopologyValidator.Validate(design) is not null && FaultToleranceAnalyzer.Analyze(design).Components.Count == design.Components.Count);
    }
}
