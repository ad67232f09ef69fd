using System.Text.Json;
using MetaNode.Operations.Topology.Design.Analysis;
using MetaNode.Operations.Topology.Design.Validation;
using MetaNode.Operations.Topology.Design.Versions;
using MetaNode.Operations.Topology.Planning;

namespace MetaNode.Dashboard.Api.Contracts;

/// <summary>A design with its version, what validation says and what it survives.</summary>
/// <param name="Version">The saved version; null for a design never saved (the app's configuration).</param>
/// <param name="Design">The design in the import/export format (snake_case keys, durations like <c>2s</c>).</param>
/// <param name="Issues">Validation errors and warnings.</param>
/// <param name="FaultTolerance">What it survives, with the arithmetic.</param>
public sealed record ApiTopology(DesignVersionInfo? Version, JsonElement Design, IReadOnlyList<TopologyIssue> Issues, FaultToleranceReport FaultTolerance);

/// <summary>What validating a document found.</summary>
/// <param name="Valid">True when the document was read and has no error.</param>
/// <param name="Issues">Errors and warnings, with line and column for those found while reading.</param>
/// <param name="FaultTolerance">What the design survives, when it could be read.</param>
public sealed record ApiTopologyCheck(bool Valid, IReadOnlyList<TopologyIssue> Issues, FaultToleranceReport? FaultTolerance);

/// <summary>A plan: what applying would do and why it may not.</summary>
/// <param name="Version">The saved version planned; null for the configuration.</param>
/// <param name="Plan">Steps, refusals, warnings.</param>
public sealed record ApiTopologyPlan(int? Version, TopologyPlan Plan);
