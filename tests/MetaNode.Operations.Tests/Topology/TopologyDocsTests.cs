using System.Text.RegularExpressions;
using MetaNode.Operations.Topology.Design.Serialization;
using MetaNode.Operations.Topology.Design.Validation;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>docs/topology.md stays true: every rule is listed, and its examples import as written.</summary>
public sealed partial class TopologyDocsTests
{
    private static readonly string Text = File.ReadAllText(RepositoryPaths.Combine("docs", "topology.md"));

    private static List<string> YamlBlocks() => [.. YamlBlock().Matches(Text).Select(m => m.Groups[1].Value)];

    [Fact]
    public void Docs_EveryRule_IsListedWithItsSeverity()
    {
        Assert.All(TopologyRules.All, r => Assert.Contains($"| `{r.Id}` | {r.Severity.ToString().ToLowerInvariant()} |", Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_MyAppExample_ImportsAsTheCleanMyApp()
    {
        var result = TopologySerializer.Import(YamlBlocks()[0], TopologyFormat.Yaml);

        Assert.Empty(result.Issues);
        Assert.Equal(Designs.MyApp(), result.Design);
    }

    [Fact]
    public void Docs_ShortestExample_Imports()
    {
        Assert.NotNull(TopologySerializer.Import(YamlBlocks()[1], TopologyFormat.Yaml).Design);
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
