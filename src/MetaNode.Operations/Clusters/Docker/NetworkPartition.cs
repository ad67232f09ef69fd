namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// Partitions as networks. Nodes on a shared network can talk; a partition cuts pairs of nodes.
/// Every group of nodes that may all talk to each other (a maximal clique of the "may talk"
/// graph) gets one network: the largest keeps the cluster network, the others get partition
/// networks, and a node cut from everyone is on none. A 2|3 split gives two groups; a node cut
/// from some peers but not others sits on two networks. Pure, so the layout can be tested apart
/// from the engine, and cuts can be read back from the networks after a dashboard restart.
/// </summary>
internal static class NetworkPartition
{
    /// <summary>More groups than this is refused: the cuts are too scattered to lay out as networks.</summary>
    public const int MaxGroups = 16;

    /// <summary>An unordered pair, ordered for use as a key.</summary>
    public static (string A, string B) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>The pairs of <paramref name="networks"/>' members that share no network: the cuts in force.</summary>
    public static HashSet<(string A, string B)> CutsOf(IReadOnlyDictionary<string, IReadOnlySet<string>> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var names = networks.Keys.Order(StringComparer.Ordinal).ToList();
        var cuts = new HashSet<(string, string)>();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                if (!networks[names[i]].Overlaps(networks[names[j]]))
                {
                    cuts.Add(Pair(names[i], names[j]));
                }
            }
        }

        return cuts;
    }

    /// <summary>
    /// The groups that realise <paramref name="cuts"/> among <paramref name="members"/>, largest
    /// first; groups of one are left out (such a node needs no network). Null when more than
    /// <see cref="MaxGroups"/> would be needed.
    /// </summary>
    public static IReadOnlyList<IReadOnlySet<string>>? Groups(IReadOnlyCollection<string> members, IReadOnlySet<(string A, string B)> cuts)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(cuts);
        var all = members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var talks = all.ToDictionary(
            m => m,
            m => all.Where(o => o != m && !cuts.Contains(Pair(m, o))).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var groups = new List<IReadOnlySet<string>>();
        var complete = Cliques([], [.. all], [], talks, groups);
        if (!complete)
        {
            return null;
        }

        return [.. groups.Where(g => g.Count > 1).OrderByDescending(g => g.Count).ThenBy(g => g.Min(StringComparer.Ordinal), StringComparer.Ordinal)];
    }

    /// <summary>Bron–Kerbosch with a pivot: every maximal clique of <paramref name="talks"/>; false once there are too many.</summary>
    private static bool Cliques(HashSet<string> clique, HashSet<string> candidates, HashSet<string> excluded, Dictionary<string, HashSet<string>> talks, List<IReadOnlySet<string>> found)
    {
        if (candidates.Count == 0 && excluded.Count == 0)
        {
            found.Add(clique.ToHashSet(StringComparer.Ordinal));
            return found.Count <= MaxGroups;
        }

        var pivot = candidates.Concat(excluded).MaxBy(v => talks[v].Count(candidates.Contains))!;
        foreach (var vertex in candidates.Where(v => !talks[pivot].Contains(v)).Order(StringComparer.Ordinal).ToList())
        {
            var neighbours = talks[vertex];
            if (!Cliques([.. clique, vertex], [.. candidates.Where(neighbours.Contains)], [.. excluded.Where(neighbours.Contains)], talks, found))
            {
                return false;
            }

            candidates.Remove(vertex);
            excluded.Add(vertex);
        }

        return true;
    }
}
