namespace MetaNode.Operations.Tests.Support;

/// <summary>
/// Tests that run real clusters (5-8 processes each) run one at a time and alone: on a 2-core
/// machine, parallel clusters would starve each other's consensus and make timing flaky.
/// </summary>
[CollectionDefinition(nameof(LocalClusterCollection), DisableParallelization = true)]
public sealed class LocalClusterCollection;
