namespace MetaNode.Dashboard.Tests.Hubs;

/// <summary>
/// Host tests that run a real local cluster run one at a time (this assembly's clusters use ports
/// 30000-34999; other assemblies use other ranges).
/// </summary>
[CollectionDefinition(nameof(HostClusterCollection), DisableParallelization = true)]
public sealed class HostClusterCollection
{
    /// <summary>Settings for a small Local app with fast blocks.</summary>
    public static Dictionary<string, string?> LocalApp(string app, int validators, int blockchain, string interval, string timeout, (int Start, int End) ports) => new()
    {
        [$"Dashboard:Apps:{app}:Provider"] = "Local",
        [$"Dashboard:Apps:{app}:Components:validator:Replicas"] = validators.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Dashboard:Apps:{app}:Components:blockchain:Replicas"] = blockchain.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Dashboard:Apps:{app}:Consensus:BlockTime"] = "00:00:00.500",
        [$"Dashboard:Apps:{app}:Consensus:Timeout"] = "00:00:01",
        [$"Dashboard:Apps:{app}:HealthChecks:Interval"] = interval,
        [$"Dashboard:Apps:{app}:HealthChecks:Timeout"] = timeout,
        [$"Dashboard:Apps:{app}:HealthChecks:Retries"] = "0",
        [$"Dashboard:Apps:{app}:EntryPoint:Port"] = "0",
        ["Dashboard:Cluster:Local:PortRangeStart"] = ports.Start.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dashboard:Cluster:Local:PortRangeEnd"] = ports.End.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
