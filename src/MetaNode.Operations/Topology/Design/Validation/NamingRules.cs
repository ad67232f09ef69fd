using System.Text.RegularExpressions;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>The app's identity and its regions and zones.</summary>
internal static partial class NamingRules
{
    /// <summary>EIP-2294's bound: the largest chain id every client can represent.</summary>
    public const long MaxChainId = 4_503_599_627_370_476;

    /// <summary>
    /// RFC 1035 labels: Kubernetes Service names built from app and component names need the
    /// leading letter, and the same rule for every name keeps the format simple.
    /// </summary>
    public static bool IsDnsLabel(string? name) => name is not null && DnsLabel().IsMatch(name);

    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        Label(issues, DesignKeys.Name, design.Name, "the app name");
        if (design.ChainId is < 1 or > MaxChainId)
        {
            issues.Add(DesignKeys.ChainId, ChainIdOutOfRange, $"chain id {design.ChainId} is outside 1–{MaxChainId} (EIP-2294)");
        }

        var regions = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < design.Regions.Count; i++)
        {
            var region = design.Regions[i];
            var path = FieldPath.Item(DesignKeys.Regions, region.Name, i);
            Label(issues, FieldPath.Key(path, DesignKeys.Name), region.Name, "the region name");
            if (!regions.Add(region.Name))
            {
                issues.Add(FieldPath.Key(path, DesignKeys.Name), RegionDuplicate, $"region {region.Name} is declared twice");
            }

            if (region.Zones.Count == 0)
            {
                issues.Add(FieldPath.Key(path, DesignKeys.Zones), RegionWithoutZones, $"region {region.Name} has no zones; declare at least one (for example {region.Name}a)");
            }

            var zones = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < region.Zones.Count; j++)
            {
                var zonePath = FieldPath.Item(FieldPath.Key(path, DesignKeys.Zones), null, j);
                Label(issues, zonePath, region.Zones[j], "the zone name");
                if (!zones.Add(region.Zones[j]))
                {
                    issues.Add(zonePath, ZoneDuplicate, $"zone {region.Zones[j]} is declared twice in region {region.Name}");
                }
            }
        }
    }

    /// <summary>Reports <paramref name="name"/> when it is not a DNS label.</summary>
    public static void Label(IssueCollector issues, string field, string? name, string what)
    {
        if (!IsDnsLabel(name))
        {
            issues.Add(field, NameNotDnsLabel, $"{what} '{name}' is not a DNS label: use a-z, 0-9 and '-', start with a letter, end with a letter or digit, at most 63 characters");
        }
    }

    [GeneratedRegex(@"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
