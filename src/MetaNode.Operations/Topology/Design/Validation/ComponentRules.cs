using MetaNode.Operations.Configuration;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Each component: name, replicas, resources, storage, image, ports and placement.</summary>
internal static class ComponentRules
{
    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        if (design.Components.Count == 0)
        {
            issues.Add(DesignKeys.Components, ComponentsMissing, "the design has no components; add at least blockchain and validator");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < design.Components.Count; i++)
        {
            var component = design.Components[i];
            var path = FieldPath.Item(DesignKeys.Components, component.Name, i);
            NamingRules.Label(issues, FieldPath.Key(path, DesignKeys.Name), component.Name, "the component name");
            if (!names.Add(component.Name))
            {
                issues.Add(FieldPath.Key(path, DesignKeys.Name), ComponentDuplicate, $"component name {component.Name} is used twice; names must be unique");
            }

            Replicas(component, path, issues);
            Resources(component, FieldPath.Key(path, DesignKeys.Resources), issues);
            Storage(component, path, issues);
            if (string.IsNullOrWhiteSpace(component.Image))
            {
                issues.Add(FieldPath.Key(path, DesignKeys.Image), ImageMissing, $"{component.Name} names no container image");
            }

            Ports(component, FieldPath.Key(path, DesignKeys.Ports), issues);
            Placement(design, component, path, issues);
        }

        if (design.ValidatorCount <= 0)
        {
            issues.Add(DesignKeys.Components, ValidatorsMissing, "the design has no validator replicas: the chain makes no blocks");
        }

        if (design.Provider == ProviderKind.Kubernetes && design.Regions.Count == 0)
        {
            issues.Add(DesignKeys.Regions, ZonesUndeclared, "no regions or zones are declared: replicas may land in one zone, and whether the app survives a zone outage cannot be judged");
        }
    }

    private static void Replicas(ComponentDesign component, string path, IssueCollector issues)
    {
        var field = FieldPath.Key(path, DesignKeys.Replicas);
        if (component.Replicas is < 0 or > AppCatalog.MaxReplicas)
        {
            issues.Add(field, ReplicasOutOfRange, $"{component.Name} has {component.Replicas} replicas; allowed are 0 to {AppCatalog.MaxReplicas}");
        }
        else if (component.Replicas == 1 && component.Role != ComponentRole.Validator)
        {
            // Validators are judged by the quorum rules, which say more than "one node".
            issues.Add(field, ComponentSingleReplica, $"{component.Name} has 1 replica: losing that node stops {component.Name}; run at least 2");
        }
    }

    private static void Resources(ComponentDesign component, string path, IssueCollector issues)
    {
        var r = component.Resources;
        Resource(issues, path, DesignKeys.CpuRequest, DesignKeys.CpuLimit, r.CpuRequestMillicores, r.CpuLimitMillicores, "cpu", "m");
        Resource(issues, path, DesignKeys.MemoryRequest, DesignKeys.MemoryLimit, r.MemoryRequestMiB, r.MemoryLimitMiB, "memory", "Mi");
    }

    private static void Resource(IssueCollector issues, string path, string requestKey, string limitKey, int request, int limit, string what, string unit)
    {
        foreach (var (key, value, kind) in new[] { (requestKey, request, "request"), (limitKey, limit, "limit") })
        {
            if (value <= 0)
            {
                issues.Add(FieldPath.Key(path, key), ResourceNotPositive, $"{what} {kind} is {value}{unit}; it must be more than 0");
            }
        }

        if (request > 0 && limit > 0 && request > limit)
        {
            issues.Add(FieldPath.Key(path, requestKey), ResourceRequestExceedsLimit, $"{what} request {request}{unit} exceeds its limit {limit}{unit}");
        }
    }

    private static void Storage(ComponentDesign component, string path, IssueCollector issues)
    {
        var field = FieldPath.Key(path, DesignKeys.StorageGiB);
        if (component.StorageGiB < 0)
        {
            issues.Add(field, StorageNegative, $"{component.Name} asks for {component.StorageGiB} GiB of storage; it must be 0 or more");
        }
        else if (component.StorageGiB == 0 && component.Replicas > 0 && component.Role is ComponentRole.Blockchain or ComponentRole.Validator or ComponentRole.Ipfs)
        {
            issues.Add(field, StorageMissing, $"{component.Name} has no storage: its {(component.Role == ComponentRole.Ipfs ? "content" : "chain data")} sits on the node's ephemeral disk and is lost when the node is replaced");
        }
    }

    private static void Ports(ComponentDesign component, string path, IssueCollector issues)
    {
        foreach (var (key, port) in new[] { (DesignKeys.Rpc, component.Ports.Rpc), (DesignKeys.P2P, component.Ports.P2P) })
        {
            if (port is < 1 or > 65535)
            {
                issues.Add(FieldPath.Key(path, key), PortOutOfRange, $"{key} port {port} is outside 1–65535");
            }
        }

        if (component.Ports.Rpc == component.Ports.P2P)
        {
            issues.Add(FieldPath.Key(path, DesignKeys.P2P), PortDuplicate, $"rpc and p2p both use port {component.Ports.Rpc}; one replica cannot serve both on one port");
        }
    }

    private static void Placement(TopologyDesign design, ComponentDesign component, string path, IssueCollector issues)
    {
        var declared = design.Zones;
        var listed = new HashSet<ZoneRef>();
        for (var j = 0; j < component.Zones.Count; j++)
        {
            var zone = component.Zones[j];
            var field = FieldPath.Item(FieldPath.Key(path, DesignKeys.Zones), null, j);
            if (!declared.Contains(zone))
            {
                issues.Add(field, PlacementZoneUnknown, $"zone {zone} is not declared in regions{(declared.Count == 0 ? " (none are)" : $" ({string.Join(", ", declared)})")}");
            }

            if (!listed.Add(zone))
            {
                issues.Add(field, PlacementZoneDuplicate, $"zone {zone} is listed twice for {component.Name}");
            }
        }

        // Without declared zones there is one implicit zone and nothing to schedule against.
        var zones = Design.Placement.ZonesOf(design, component).Distinct().Count();
        if (component.AntiAffinity == AntiAffinity.Required && design.Regions.Count > 0 && component.Replicas > zones)
        {
            issues.Add(FieldPath.Key(path, DesignKeys.AntiAffinity), AntiAffinityUnsatisfiable,
                $"required anti-affinity puts each replica in its own zone, but {component.Name} has {component.Replicas} replicas and {zones} zones: {component.Replicas - zones} would never be scheduled; add zones or use preferred");
        }
    }
}
