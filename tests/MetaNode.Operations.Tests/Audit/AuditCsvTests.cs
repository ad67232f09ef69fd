using System.Text;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using static MetaNode.Operations.Tests.Audit.AuditData;

namespace MetaNode.Operations.Tests.Audit;

public sealed class AuditCsvTests
{
    private const string Header = "time_utc,actor_kind,actor_id,actor,action,target,app,outcome,error,source_address,correlation_id,parameters";

    private static async Task<string> WriteAsync(params AuditEntry[] entries)
    {
        var text = new StringWriter();
        await AuditCsv.WriteAsync(entries.ToAsyncEnumerable(), text, TestContext.Current.CancellationToken);
        return text.ToString();
    }

    /// <summary>An RFC 4180 reader: what a spreadsheet or a script would read back.</summary>
    private static List<List<string>> Read(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "a quoted field is not closed");
        Assert.Empty(row);
        return rows;
    }

    [Fact]
    public async Task Write_NoEntries_IsTheHeaderRowOnly()
    {
        Assert.Equal(Header + "\r\n", await WriteAsync());
    }

    [Fact]
    public async Task Write_PlainEntry_OneRowWithEveryColumnAndCrlf()
    {
        var csv = await WriteAsync(Entry(0, parameters: null, error: null, app: null));

        Assert.Equal(
            Header + "\r\n" + "2025-03-14T09:00:00.000Z,User,id-alice,alice,watched-node.add,public-rpc/rpc-1,,Succeeded,,10.0.0.7,corr-0,\r\n",
            csv);
    }

    [Fact]
    public async Task Write_CommasQuotesAndLineBreaks_AreQuotedAndReadBackUnchanged()
    {
        var entry = Entry(1, target: "a, b", error: "said \"no\"\r\nthen left", parameters: """{"name":"x","zone":"eu-1"}""", kind: ActorKind.ApiKey);

        var rows = Read(await WriteAsync(entry));

        Assert.Equal(2, rows.Count);
        Assert.Equal(AuditCsv.Columns, rows[0]);
        Assert.Equal("a, b", rows[1][5]);
        Assert.Equal("said \"no\"\r\nthen left", rows[1][8]);
        Assert.Equal("""{"name":"x","zone":"eu-1"}""", rows[1][11]);
        Assert.Equal("ApiKey", rows[1][1]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"click\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tcmd")]
    public async Task Write_CellStartingLikeAFormula_GetsALeadingApostrophe(string value)
    {
        var rows = Read(await WriteAsync(Entry(2, actor: value, target: value, error: value)));

        Assert.Equal("'" + value, rows[1][3]);
        Assert.Equal("'" + value, rows[1][5]);
        Assert.Equal("'" + value, rows[1][8]);
    }

    [Fact]
    public void Field_FormulaWithComma_IsNeutralizedThenQuoted()
    {
        Assert.Equal("\"'=1,2\"", AuditCsv.Field("=1,2"));
        Assert.Equal("a-b", AuditCsv.Field("a-b"));
        Assert.Equal(string.Empty, AuditCsv.Field(null));
    }

    [Fact]
    public async Task Write_TimeInAnotherOffset_IsWrittenInUtc()
    {
        var entry = Entry(0) with { At = new DateTimeOffset(2025, 3, 14, 4, 0, 0, 250, TimeSpan.FromHours(-5)) };

        var rows = Read(await WriteAsync(entry));

        Assert.Equal("2025-03-14T09:00:00.250Z", rows[1][0]);
    }
}
