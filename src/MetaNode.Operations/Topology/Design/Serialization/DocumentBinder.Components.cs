using MetaNode.Operations.Configuration;
using static MetaNode.Operations.Topology.Design.DesignKeys;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>Components: a role may be left out when the name is one (<c>validator</c>); the rest defaults by role.</summary>
internal sealed partial class DocumentBinder
{
    private ComponentDesign? Component(DocNode node, string path)
    {
        if (Mapping(node, path) is not { } component)
        {
            return null;
        }

        var name = component.Text(Name, string.Empty, required: true);
        var implied = AppCatalog.ResolveRole(name, null);
        var role = component.Enum(Role, implied ?? ComponentRole.Blockchain, required: implied is null);
        var replicas = component.Int(Replicas, 0, required: true);
        var defaults = ComponentDesign.Default(name, role, replicas);
        var design = defaults with
        {
            Resources = Resources(component.Mapping(DesignKeys.Resources), defaults.Resources),
            StorageGiB = component.Int(DesignKeys.StorageGiB, defaults.StorageGiB),
            Image = component.Text(Image, defaults.Image),
            Ports = Ports(component.Mapping(DesignKeys.Ports), defaults.Ports),
            AntiAffinity = component.Enum(DesignKeys.AntiAffinity, defaults.AntiAffinity),
            Zones = [.. ZoneRefs(component)],
        };
        component.Finish();
        return design;
    }

    private static ResourceSpec Resources(MappingReader? resources, ResourceSpec defaults)
    {
        if (resources is null)
        {
            return defaults;
        }

        var spec = new ResourceSpec(
            resources.Int(CpuRequest, defaults.CpuRequestMillicores),
            resources.Int(CpuLimit, defaults.CpuLimitMillicores),
            resources.Int(MemoryRequest, defaults.MemoryRequestMiB),
            resources.Int(MemoryLimit, defaults.MemoryLimitMiB));
        resources.Finish();
        return spec;
    }

    private static PortSpec Ports(MappingReader? ports, PortSpec defaults)
    {
        if (ports is null)
        {
            return defaults;
        }

        var spec = new PortSpec(ports.Int(Rpc, defaults.Rpc), ports.Int(P2P, defaults.P2P));
        ports.Finish();
        return spec;
    }

    /// <summary>Placement zones, each written <c>region/zone</c>.</summary>
    private IEnumerable<ZoneRef> ZoneRefs(MappingReader component)
    {
        var items = component.Sequence(Zones);
        for (var i = 0; i < items.Count; i++)
        {
            var parts = items[i] is DocScalar { Text: { } text } ? text.Split('/') : [];
            if (parts.Length == 2)
            {
                yield return new ZoneRef(parts[0], parts[1]);
            }
            else
            {
                Report(FieldPath.Item(FieldPath.Key(component.Path, Zones), null, i), WrongType, "a placement zone is written region/zone, such as eu-west-1/eu-west-1a", items[i]);
            }
        }
    }
}
