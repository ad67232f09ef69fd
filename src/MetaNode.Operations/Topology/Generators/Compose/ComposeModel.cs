namespace MetaNode.Operations.Topology.Generators.Compose;

// The part of the Compose Specification the generator writes, in the order a reader expects the
// keys. Property names become snake_case keys (StopGracePeriod -> stop_grace_period); null and
// empty values are left out.

/// <summary>A compose file.</summary>
internal sealed class ComposeDocument
{
    public required string Name { get; init; }

    public required Dictionary<string, ComposeService> Services { get; init; }

    public required Dictionary<string, ComposeNetwork> Networks { get; init; }

    public Dictionary<string, ComposeVolume>? Volumes { get; init; }
}

/// <summary>One service (one node, or the load balancer).</summary>
internal sealed class ComposeService
{
    public required string Image { get; init; }

    public List<string>? Command { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public ComposeHealthcheck? Healthcheck { get; init; }

    public ComposeDeploy? Deploy { get; init; }

    public List<string>? Volumes { get; init; }

    /// <summary>Published ports, short syntax (<c>127.0.0.1:8404:8404</c>): older compose tools know no <c>host_ip</c>.</summary>
    public List<string>? Ports { get; init; }

    public required List<string> Networks { get; init; }

    public required string Restart { get; init; }

    public string? StopGracePeriod { get; init; }
}

/// <summary>A container health check.</summary>
internal sealed class ComposeHealthcheck
{
    public required List<string> Test { get; init; }

    public required string Interval { get; init; }

    public required string Timeout { get; init; }

    public required int Retries { get; init; }

    public required string StartPeriod { get; init; }
}

/// <summary>Deployment settings: only resources are written.</summary>
internal sealed class ComposeDeploy
{
    public required ComposeResources Resources { get; init; }
}

/// <summary>Resource limits and reservations.</summary>
internal sealed class ComposeResources
{
    public required ComposeResourceAmount Limits { get; init; }

    public required ComposeResourceAmount Reservations { get; init; }
}

/// <summary>CPUs (as a decimal string) and memory (<c>512M</c>).</summary>
internal sealed class ComposeResourceAmount
{
    public required string Cpus { get; init; }

    public required string Memory { get; init; }
}

/// <summary>A network.</summary>
internal sealed class ComposeNetwork
{
    public required string Driver { get; init; }

    public required Dictionary<string, string> Labels { get; init; }
}

/// <summary>A named volume.</summary>
internal sealed class ComposeVolume
{
    public required Dictionary<string, string> Labels { get; init; }
}
