using FsCheck.Fluent;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>
/// Random designs for round trips: any numbers (negative and absurd too), millisecond durations,
/// every enum value, and text that YAML would misread unless quoted ("null", "1", "a: b", "#").
/// </summary>
internal static class DesignGenerator
{
    private static readonly string[] Tricky =
    [
        "", "null", "~", "true", "no", "1", "-2", "1e5", "0x1F", "25%", "a: b", "# not a comment", "*/5 * * * *", "&anchor", "*alias", "!tag",
        "- item", "[x]", "{y}", "'single'", "\"double\"", "tab\there", "two\nlines", " padded ", "ünïcödé ✓", "back\\slash", "@at", "`tick`", "|", ">",
    ];

    private static readonly FsCheck.Gen<string> Text = Gen.OneOf(
        Gen.Elements(Tricky),
        Gen.Elements("my-app", "eu-west-1", "eu-west-1a", "validator", "ipfs", "Europe/Berlin", "s3://bucket/path", "0 2 * * *"));

    /// <summary>Zone names never hold '/', which separates region from zone in a placement.</summary>
    private static readonly FsCheck.Gen<string> ZoneText = Text.Select(t => t.Replace('/', '-'));

    private static readonly FsCheck.Gen<int> Number = Gen.OneOf(Gen.Choose(-5, 300), Gen.Elements(int.MinValue, int.MaxValue, 0, 65535, 65536));

    private static readonly FsCheck.Gen<TimeSpan> Duration = Gen.OneOf(
        Gen.Choose(-100_000, 100_000).Select(ms => TimeSpan.FromMilliseconds(ms)),
        Gen.Choose(0, 9000).Select(h => TimeSpan.FromHours(h)));

    private static readonly FsCheck.Gen<ComponentDesign> Component =
        from name in Text
        from role in Gen.Elements(Enum.GetValues<ComponentRole>())
        from replicas in Number
        from resources in Number.Four()
        from storage in Number
        from image in Text
        from ports in Number.Two()
        from antiAffinity in Gen.Elements(Enum.GetValues<AntiAffinity>())
        from zones in Gen.ListOf(ZoneText.Two(), 3)
        select new ComponentDesign(name, role, replicas, new ResourceSpec(resources.Item1, resources.Item2, resources.Item3, resources.Item4), storage, image,
            new PortSpec(ports.Item1, ports.Item2), antiAffinity, [.. zones.Select(z => new ZoneRef(z.Item1, z.Item2))]);

    private static readonly FsCheck.Gen<HaPolicy> Policy =
        from quorum in Gen.OneOf(Number.Select(n => (int?)n), Gen.Constant((int?)null))
        from durations in Duration.ArrayOf(13)
        from numbers in Number.ArrayOf(6)
        from flags in Gen.Elements(true, false).ArrayOf(10)
        from texts in Text.ArrayOf(5)
        from optional in Gen.OneOf(Text.Select(t => (string?)t), Gen.Constant((string?)null)).Two()
        from consistency in Gen.Elements(Enum.GetValues<Consistency>())
        from action in Gen.Elements(Enum.GetValues<RecoveryAction>())
        from synchronization in Gen.Elements(Enum.GetValues<Synchronization>())
        from strategy in Gen.Elements(Enum.GetValues<MaintenanceStrategy>())
        select new HaPolicy(
            new ConsensusSettings(quorum, durations[0], durations[1], numbers[0], durations[2]),
            new ReplicationSettings(numbers[1], durations[3], consistency),
            new FailoverSettings(durations[4], action, numbers[2], flags[0]),
            new HealthCheckSettings(durations[5], durations[6], numbers[3]),
            new BackupSettings(flags[1], texts[0], numbers[4], texts[1], flags[2], flags[3]),
            new DisasterRecoverySettings(durations[7], durations[8], optional.Item1),
            new MultiRegionSettings(flags[4], optional.Item2, synchronization, flags[5]),
            new NetworkRedundancySettings(flags[6], flags[7], flags[8]),
            new MaintenanceDefaults(strategy, texts[2], durations[9], texts[3], texts[4], durations[10]));

    public static FsCheck.Gen<TopologyDesign> Designs { get; } =
        from name in Text
        from environment in Text
        from provider in Gen.Elements(Enum.GetValues<ProviderKind>())
        from chainId in Gen.OneOf(Gen.Choose(-10, 100_000).Select(i => (long)i), Gen.Elements(long.MinValue, long.MaxValue))
        from regions in Gen.ListOf(Text.SelectMany(_ => Gen.ListOf(ZoneText, 3), (region, zones) => new RegionSpec(region, [.. zones])), 3)
        from components in Gen.ListOf(Component, 5)
        from policy in Policy
        select new TopologyDesign
        {
            Name = name,
            Environment = environment,
            Provider = provider,
            ChainId = chainId,
            Regions = [.. regions],
            Components = [.. components],
            Policy = policy,
        };
}
