using System.Text;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Serialization;
using MetaNode.Operations.Topology.Design.Validation;

namespace MetaNode.Operations.Tests.Topology.Serialization;

/// <summary>Export and import of designs: the format, round trips, and every way a document is refused.</summary>
public sealed class TopologySerializerTests
{
    private const string Minimal = """
        name: my-app
        components:
          - name: validator
            replicas: 5
          - name: rpc
            role: blockchain
            replicas: 3
        """;

    private static TopologyIssue SingleError(TopologyImportResult result, string rule)
    {
        Assert.Null(result.Design);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(rule, issue.Rule);
        return issue;
    }

    [Theory]
    [InlineData(TopologyFormat.Yaml)]
    [InlineData(TopologyFormat.Json)]
    public void ExportThenImport_MyApp_GivesAnEqualDesignWithoutIssues(TopologyFormat format)
    {
        var design = Designs.MyApp();

        var result = TopologySerializer.Import(TopologySerializer.Export(design, format), format);

        Assert.Empty(result.Issues);
        Assert.Equal(design, result.Design);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Export_Yaml_UsesSnakeCaseKeysDurationsAndLowerCaseWords()
    {
        var yaml = TopologySerializer.Export(Designs.MyApp().WithPolicy(p => p with { Maintenance = p.Maintenance with { Strategy = MaintenanceStrategy.BlueGreen } }), TopologyFormat.Yaml);

        Assert.Contains("ha_policy:\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    block_confirmations: 3\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    timeout: 500ms\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    rpo: 24h\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    strategy: blue_green\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  anti_affinity: required\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    max_unavailable: \"1\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  zones: [eu-west-1a, eu-west-1b, eu-west-1c]\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Json_WritesNumbersBooleansAndNulls()
    {
        var json = TopologySerializer.Export(Designs.MyApp(), TopologyFormat.Json);

        Assert.Contains("\"chain_id\": 1337,", json, StringComparison.Ordinal);
        Assert.Contains("\"secondary_region\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"notify\": true\n", json, StringComparison.Ordinal);
        Assert.Contains("\"block_time\": \"1s\",", json, StringComparison.Ordinal);
        Assert.Equal(TopologyFormat.Json, TopologySerializer.Detect(json));
    }

    [Fact]
    public void Import_MinimalYaml_FillsDefaultsAndImpliesRolesFromNames()
    {
        var result = TopologySerializer.Import(Minimal);

        Assert.NotNull(result.Design);
        var validator = result.Design.Component("validator")!;
        Assert.Equal(ComponentRole.Validator, validator.Role);
        Assert.Equal(ComponentDesign.Default("validator", ComponentRole.Validator, 5), validator);
        Assert.Equal(ComponentRole.Blockchain, result.Design.Component("rpc")!.Role);
        Assert.Equal(HaPolicy.Default, result.Design.Policy);
        Assert.Equal(ProviderKind.Local, result.Design.Provider);
    }

    [Fact]
    public void Import_BrokenYaml_SaysWhereWithLineAndColumn()
    {
        var issue = SingleError(TopologySerializer.Import("name: my-app\ncomponents:\n  - name: [validator\n    replicas: 5\n"), TopologyRules.YamlSyntax);

        Assert.True(issue.Line >= 3, issue.ToString());
        Assert.NotNull(issue.Column);
        Assert.DoesNotContain("(Line:", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BrokenJson_SaysWhereWithLineAndColumn()
    {
        var issue = SingleError(TopologySerializer.Import("{\n  \"name\": \"my-app\",\n  \"components\": [,]\n}"), TopologyRules.JsonSyntax);

        Assert.Equal(3, issue.Line);
        Assert.Equal(18, issue.Column);
        Assert.DoesNotContain("LineNumber", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"a\", } ")]
    [InlineData("{\"name\": \"a\"} {\"name\": \"b\"}")]
    [InlineData("{\"name\": \"a\" // comment\n}")]
    public void Import_JsonBeyondStrictJson_IsRefused(string json)
    {
        SingleError(TopologySerializer.Import(json, TopologyFormat.Json), TopologyRules.JsonSyntax);
    }

    [Fact]
    public void Import_OverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var text = Minimal + "\n#" + new string('x', TopologySerializer.MaxDocumentBytes);

        var issue = SingleError(TopologySerializer.Import(text), TopologyRules.DocumentTooLarge);

        Assert.Contains("256 KB", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MultiByteTextOverTheLimitInBytes_IsRefused()
    {
        var text = "name: my-app\nenvironment: " + new string('é', (TopologySerializer.MaxDocumentBytes / 2) + 1);

        SingleError(TopologySerializer.Import(text), TopologyRules.DocumentTooLarge);
    }

    [Fact]
    public async Task ImportAsync_EndlessStream_StopsReadingPastTheLimit()
    {
        await using var stream = new EndlessStream();

        var result = await TopologySerializer.ImportAsync(stream, null, TestContext.Current.CancellationToken);

        SingleError(result, TopologyRules.DocumentTooLarge);
        Assert.True(stream.BytesRead <= TopologySerializer.MaxDocumentBytes + 1 + 65536);
    }

    [Fact]
    public async Task ImportAsync_Utf8Yaml_ReadsTheDesign()
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(TopologySerializer.Export(Designs.MyApp(), TopologyFormat.Yaml)));

        var result = await TopologySerializer.ImportAsync(stream, TopologyFormat.Yaml, TestContext.Current.CancellationToken);

        Assert.Equal(Designs.MyApp(), result.Design);
    }

    [Fact]
    public async Task ImportAsync_NotUtf8_IsRefused()
    {
        await using var stream = new MemoryStream([0x6E, 0x61, 0xFF, 0xFE, 0x3A]);

        var result = await TopologySerializer.ImportAsync(stream, null, TestContext.Current.CancellationToken);

        Assert.Contains("UTF-8", SingleError(result, TopologyRules.WrongType).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnknownField_NamesItsPathLineAndTheNearestKnownKey()
    {
        var issue = SingleError(TopologySerializer.Import(Minimal.Replace("    replicas: 5", "    replicas: 5\n    replcias: 7", StringComparison.Ordinal)), TopologyRules.UnknownField);

        Assert.Equal("components[validator].replcias", issue.Field);
        Assert.Equal(5, issue.Line);
        Assert.Contains("did you mean 'replicas'?", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnknownPolicySection_IsAnError()
    {
        var issue = SingleError(TopologySerializer.Import(Minimal + "\nha_policy:\n  backup:\n    enabled: false\n"), TopologyRules.UnknownField);

        Assert.Equal("ha_policy.backup", issue.Field);
        Assert.Contains("did you mean 'backups'?", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_DuplicateKey_IsAnErrorAtTheSecond()
    {
        var issue = SingleError(TopologySerializer.Import("{\"name\": \"a\", \"components\": [], \"name\": \"b\"}"), TopologyRules.DuplicateField);

        Assert.Equal("name", issue.Field);
        Assert.Equal(33, issue.Column);
    }

    [Theory]
    [InlineData("    replicas: many", 4, "components[validator].replicas", "a whole number")]
    [InlineData("    replicas: 99999999999", 4, "components[validator].replicas", "a whole number")]
    [InlineData("    replicas: 2.5", 4, "components[validator].replicas", "a whole number")]
    [InlineData("    replicas: [5]", 4, "components[validator].replicas", "not a list")]
    [InlineData("    replicas: 5\n    anti_affinity: strict", 5, "components[validator].anti_affinity", "none, preferred, required")]
    [InlineData("    replicas: 5\n    zones: [eu-west-1a]", 5, "components[validator].zones[0]", "region/zone")]
    [InlineData("    replicas: 5\n    resources: 500m", 5, "components[validator].resources", "mapping")]
    public void Import_WrongType_NamesTheFieldAndWhatItMustBe(string lines, int line, string field, string expected)
    {
        var issue = SingleError(TopologySerializer.Import(Minimal.Replace("    replicas: 5", lines, StringComparison.Ordinal)), TopologyRules.WrongType);

        Assert.Equal(field, issue.Field);
        Assert.Equal(line, issue.Line);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("block_time: 1.5s")]
    [InlineData("block_time: 00:00:01")]
    [InlineData("block_confirmations: yes")]
    public void Import_PolicyValueOfTheWrongType_IsAnErrorOnItsPath(string line)
    {
        var issue = SingleError(TopologySerializer.Import(Minimal + $"\nha_policy:\n  consensus:\n    {line}\n"), TopologyRules.WrongType);

        Assert.StartsWith("ha_policy.consensus.", issue.Field, StringComparison.Ordinal);
        Assert.Equal(10, issue.Line);
    }

    [Fact]
    public void Import_MissingNameAndComponents_AreRequired()
    {
        var result = TopologySerializer.Import("environment: staging\n");

        Assert.Equal(["name", "components"], result.Issues.Select(i => i.Field));
        Assert.All(result.Issues, i => Assert.Equal(TopologyRules.MissingField, i.Rule));
    }

    [Fact]
    public void Import_ComponentNamedNotAsARoleWithoutRole_NeedsTheRole()
    {
        var issue = SingleError(TopologySerializer.Import(Minimal.Replace("    role: blockchain\n", string.Empty, StringComparison.Ordinal)), TopologyRules.MissingField);

        Assert.Equal("components[rpc].role", issue.Field);
    }

    [Fact]
    public void Import_NegativeAndAbsurdNumbers_ParseAndComeBackAsValidationErrorsWithTheirLine()
    {
        var result = TopologySerializer.Import(Minimal.Replace("replicas: 5", "replicas: -3", StringComparison.Ordinal).Replace("replicas: 3", "replicas: 100000", StringComparison.Ordinal));

        Assert.NotNull(result.Design);
        Assert.False(result.Succeeded);
        var issues = result.Issues.Where(i => i.Rule == TopologyRules.ReplicasOutOfRange).ToList();
        Assert.Equal([4, 7], issues.Select(i => i.Line));
        Assert.Contains("-3", issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ValidationIssues_CarryTheLineOfTheirFieldOrOfTheNearestEnclosingKey()
    {
        var result = TopologySerializer.Import(Minimal.Replace("replicas: 3", "replicas: 2", StringComparison.Ordinal) + "\nha_policy:\n  consensus:\n    quorum: 9\n");

        Assert.Equal(10, Assert.Single(result.Issues, i => i.Rule == TopologyRules.QuorumExceedsValidators).Line);
        var defaulted = Assert.Single(result.Issues, i => i.Rule == TopologyRules.ReplicationFactorExceedsReplicas);
        Assert.Equal("ha_policy.replication.replication_factor", defaulted.Field);
        Assert.Equal(8, defaulted.Line);
    }

    [Fact]
    public void Import_BillionLaughs_IsRefusedAtTheFirstAnchor()
    {
        var yaml = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            name: *d
            """;

        var issue = SingleError(TopologySerializer.Import(yaml), TopologyRules.YamlAliasRefused);

        Assert.Equal(1, issue.Line);
    }

    [Fact]
    public void Import_AliasWithoutAnchor_IsRefused()
    {
        SingleError(TopologySerializer.Import("name: *nowhere\n"), TopologyRules.YamlAliasRefused);
    }

    [Fact]
    public void Import_Tag_IsRefused()
    {
        SingleError(TopologySerializer.Import("name: !!binary bXktYXBw\ncomponents: []\n"), TopologyRules.YamlTagRefused);
    }

    [Fact]
    public void Import_TwoDocuments_IsRefused()
    {
        var issue = SingleError(TopologySerializer.Import(Minimal + "\n---\n" + Minimal), TopologyRules.MultipleDocuments);

        Assert.Equal(8, issue.Line);
    }

    [Theory]
    [InlineData(TopologyFormat.Yaml)]
    [InlineData(TopologyFormat.Json)]
    public void Import_DeepNesting_IsRefused(TopologyFormat format)
    {
        var text = format == TopologyFormat.Json
            ? $"{{\"name\": {new string('[', 5000)}{new string(']', 5000)}}}"
            : $"name: {new string('[', 5000)}{new string(']', 5000)}";

        SingleError(TopologySerializer.Import(text, format), TopologyRules.NestingTooDeep);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    [InlineData("\uFEFF")]
    public void Import_Empty_IsRefused(string text)
    {
        SingleError(TopologySerializer.Import(text), TopologyRules.DocumentEmpty);
    }

    [Theory]
    [InlineData("just a sentence")]
    [InlineData("- a\n- b\n")]
    [InlineData("[1, 2]")]
    public void Import_NotAMapping_SaysTheDocumentMustBeOne(string text)
    {
        var issue = SingleError(TopologySerializer.Import(text), TopologyRules.WrongType);

        Assert.Equal(string.Empty, issue.Field);
    }

    [Fact]
    public void Import_ThousandsOfUnknownKeys_ReportsAtMostAHundred()
    {
        var text = Minimal + "\n" + string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"key{i}: {i}"));

        var result = TopologySerializer.Import(text);

        Assert.Equal(100, result.Issues.Count);
    }

    [Theory]
    [InlineData("\"1\"", "1")]
    [InlineData("'25%'", "25%")]
    [InlineData("25%", "25%")]
    [InlineData("1", "1")]
    public void Import_MaxUnavailableQuotedOrNot_ReadsTheText(string written, string read)
    {
        var result = TopologySerializer.Import(Minimal + $"\nha_policy:\n  maintenance:\n    max_unavailable: {written}\n");

        Assert.Equal(read, result.Design!.Policy.Maintenance.MaxUnavailable);
    }

    /// <summary>A stream that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            BytesRead += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
