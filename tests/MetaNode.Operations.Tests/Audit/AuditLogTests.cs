using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using static MetaNode.Operations.Tests.Audit.AuditData;

namespace MetaNode.Operations.Tests.Audit;

/// <summary>The audit log's filters, read back from a real SQLite file.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private AuditStore _store = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await AuditStore.CreateAsync();
        AuditEntry[] entries =
        [
            Entry(0, actor: "alice", action: "watched-node.add", target: "public-rpc/rpc-1", parameters: """{"url":"http://10.0.0.5:8545/"}"""),
            Entry(1, actor: "bob", action: "watched-node.remove", target: "public-rpc/rpc-1", outcome: AuditOutcome.Denied, error: "watched-node.remove needs the Operator role; bob is Viewer"),
            Entry(2, actor: "Alice", action: "user.create", target: "carol", app: null, parameters: """{"userName":"carol","role":"Operator"}"""),
            Entry(3, actor: "ci-key", action: "watched-node.add", target: "other-app/rpc-9", app: "other-app", outcome: AuditOutcome.Failed, error: "Url: must be an absolute http:// or https:// address", kind: ActorKind.ApiKey),
            Entry(4, actor: "audit retention", action: "audit.prune", target: "audit log", app: null, kind: ActorKind.System),
            Entry(5, actor: "alice", action: "watched-nodes.export", target: "x", app: null),
        ];
        foreach (var entry in entries)
        {
            await _store.Log.AppendAsync(entry, Cancellation);
        }
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    private async Task<IReadOnlyList<int>> MinutesAsync(AuditQuery query) =>
        [.. (await _store.Log.QueryAsync(query, Cancellation)).Select(e => (int)(e.At - Start).TotalMinutes)];

    [Fact]
    public async Task Query_NoFilter_ReturnsEveryEntryNewestFirstWithAllFields()
    {
        var entries = await _store.Log.QueryAsync(new AuditQuery(), Cancellation);

        Assert.Equal([5, 4, 3, 2, 1, 0], entries.Select(e => (int)(e.At - Start).TotalMinutes));
        var failed = entries.Single(e => e.Outcome == AuditOutcome.Failed);
        Assert.Equal(Entry(3, actor: "ci-key", action: "watched-node.add", target: "other-app/rpc-9", app: "other-app", outcome: AuditOutcome.Failed, error: "Url: must be an absolute http:// or https:// address", kind: ActorKind.ApiKey) with { Id = failed.Id }, failed);
        Assert.True(failed.Id > 0);
    }

    [Fact]
    public async Task Query_ActorPart_MatchesIgnoringCase()
    {
        Assert.Equal([5, 2, 0], await MinutesAsync(new AuditQuery { Actor = "LIC" }));
    }

    [Fact]
    public async Task Query_Area_MatchesEveryActionOfThatAreaOnly()
    {
        Assert.Equal([3, 1, 0], await MinutesAsync(new AuditQuery { Action = "watched-node" }));
    }

    [Fact]
    public async Task Query_FullAction_MatchesThatActionOnly()
    {
        Assert.Equal([3, 0], await MinutesAsync(new AuditQuery { Action = "watched-node.add" }));
    }

    [Fact]
    public async Task Query_TimeRange_IncludesBothEnds()
    {
        Assert.Equal([3, 2, 1], await MinutesAsync(new AuditQuery { From = Start.AddMinutes(1), To = Start.AddMinutes(3) }));
    }

    [Fact]
    public async Task Query_TimeRangeInAnotherOffset_ComparesInstants()
    {
        var from = Start.AddMinutes(4).ToOffset(TimeSpan.FromHours(-5));

        Assert.Equal([5, 4], await MinutesAsync(new AuditQuery { From = from }));
    }

    [Fact]
    public async Task Query_AppAndOutcome_BothApply()
    {
        Assert.Equal([1, 0], await MinutesAsync(new AuditQuery { App = "public-rpc" }));
        Assert.Equal([1], await MinutesAsync(new AuditQuery { App = "public-rpc", Outcome = AuditOutcome.Denied }));
        Assert.Equal([3], await MinutesAsync(new AuditQuery { Outcome = AuditOutcome.Failed }));
    }

    [Fact]
    public async Task Query_Text_SearchesTargetParametersAndError()
    {
        Assert.Equal([1, 0], await MinutesAsync(new AuditQuery { Text = "public-rpc/" }));
        Assert.Equal([0], await MinutesAsync(new AuditQuery { Text = "10.0.0.5" }));
        Assert.Equal([3], await MinutesAsync(new AuditQuery { Text = "ABSOLUTE HTTP" }));
        Assert.Equal([2], await MinutesAsync(new AuditQuery { Text = "carol" }));
    }

    [Fact]
    public async Task Query_Limit_KeepsTheNewest()
    {
        Assert.Equal([5, 4], await MinutesAsync(new AuditQuery { Limit = 2 }));
    }

    [Fact]
    public async Task Export_LimitIgnored_YieldsEveryMatchNewestFirst()
    {
        var exported = new List<AuditEntry>();
        await foreach (var entry in _store.Log.ExportAsync(new AuditQuery { Limit = 1, Action = "watched-node" }, Cancellation))
        {
            exported.Add(entry);
        }

        Assert.Equal(["ci-key", "bob", "alice"], exported.Select(e => e.ActorName));
    }

    [Fact]
    public async Task Append_OverlongValues_AreClippedToTheirColumns()
    {
        var stored = await _store.Log.AppendAsync(Entry(9, target: new string('t', 300), error: new string('e', 3000)), Cancellation);

        var read = (await _store.Log.QueryAsync(new AuditQuery { Limit = 1 }, Cancellation)).Single();
        Assert.Equal(stored.Id, read.Id);
        Assert.Equal(256, read.Target.Length);
        Assert.Equal(2048, read.Error!.Length);
    }
}
