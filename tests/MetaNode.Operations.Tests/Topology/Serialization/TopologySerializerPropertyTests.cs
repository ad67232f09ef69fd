using FsCheck.Fluent;
using MetaNode.Operations.Topology.Design.Serialization;

namespace MetaNode.Operations.Tests.Topology.Serialization;

/// <summary>Round trips of random designs, and import of randomly damaged documents.</summary>
public sealed class TopologySerializerPropertyTests
{
    private const string Damage = "[]{}:,&*!-|>'\"#%@`\n\t \\?";

    [Theory]
    [InlineData(TopologyFormat.Yaml)]
    [InlineData(TopologyFormat.Json)]
    public void ExportThenImport_AnyDesign_GivesAnEqualDesign(TopologyFormat format)
    {
        Properties.Hold(DesignGenerator.Designs, tests: 100, property: design =>
        {
            var text = TopologySerializer.Export(design, format);
            var result = TopologySerializer.Import(text, format);
            return result.Design == design;
        });
    }

    [Theory]
    [InlineData(TopologyFormat.Yaml)]
    [InlineData(TopologyFormat.Json)]
    public void Import_DamagedDocument_NeverThrowsAndExplainsEveryError(TopologyFormat format)
    {
        var damaged =
            from design in DesignGenerator.Designs
            from cuts in Gen.Choose(0, 10_000).Three().ListOf(4)
            from noise in Gen.Elements(Damage.ToCharArray()).ArrayOf(4)
            select Mutate(TopologySerializer.Export(design, format), cuts, noise);

        Properties.Hold(damaged, tests: 150, property: text =>
        {
            var result = TopologySerializer.Import(text, format);
            return result.Design is not null || (result.Issues.Count > 0 && result.Issues.All(i => i.IsError && i.Message.Length > 0 && i.Rule.Length > 0));
        });
    }

    /// <summary>Deletes, inserts and repeats pieces of <paramref name="text"/> at the given positions.</summary>
    private static string Mutate(string text, IEnumerable<(int, int, int)> cuts, char[] noise)
    {
        foreach (var (at, length, kind) in cuts)
        {
            var start = at % (text.Length + 1);
            var count = Math.Min(length % 8, text.Length - start);
            text = (kind % 3) switch
            {
                0 => text.Remove(start, count),
                1 => text.Insert(start, new string(noise, 0, 1 + (length % noise.Length))),
                _ => text.Insert(start, text.Substring(start, count)),
            };
        }

        return text;
    }
}
