using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design.Versions;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Tests.Topology.Versions;

/// <summary>Saving, reading and listing design versions on a real SQLite file, through the audit gate.</summary>
public sealed class TopologyDesignStoreTests : IAsyncLifetime
{
    private static readonly Actor Alice = new(ActorKind.User, "id-alice", "alice", DashboardRole.Operator, null, "10.0.0.7", "corr-1");
    private static readonly Actor Victor = new(ActorKind.User, "id-victor", "victor", DashboardRole.Viewer, null, "10.0.0.8", "corr-2");
    private static readonly Actor OtherAppKey = new(ActorKind.ApiKey, "key-1", "ci", DashboardRole.Operator, ["other-app"], "10.0.0.9", "corr-3");

    private DesignStore _fixture = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TopologyDesignStore Store => _fixture.Store;

    public async ValueTask InitializeAsync() => _fixture = await DesignStore.CreateAsync();

    public async ValueTask DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() => await _fixture.Audit.QueryAsync(new AuditQuery { Action = "topology.save" }, Cancellation);

    [Fact]
    public async Task Migrations_MatchTheModel()
    {
        await using var context = await _fixture.Contexts.CreateDbContextAsync(Cancellation);

        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task SaveAsync_ValidDesign_StoresVersionOneWithAuthorTimeAndComment()
    {
        var saved = await Store.SaveAsync(Alice, Designs.MyApp(), "  three zones in eu-west-1 ", Cancellation);

        Assert.Equal(new DesignVersionInfo("my-app", 1, "alice", DesignStore.Now, "three zones in eu-west-1", null, null), saved.Version);
        Assert.Equal(Designs.MyApp(), saved.Design);
        Assert.Equal(saved, await Store.LatestAsync("my-app", Cancellation));
        Assert.Equal(saved, await Store.GetAsync("my-app", 1, Cancellation));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal((AuditOutcome.Succeeded, "alice", "my-app", "my-app"), (audit.Outcome, audit.ActorName, audit.Target, audit.App));
    }

    [Fact]
    public async Task SaveAsync_EachChange_AddsAVersionAndKeepsTheEarlierOnes()
    {
        await Store.SaveAsync(Alice, Designs.MyApp(), "first", Cancellation);
        await Store.SaveAsync(Alice, Designs.MyApp().WithReplicas("ipfs", 4), "more ipfs", Cancellation);
        await Store.SaveAsync(Alice, Designs.MyApp().WithReplicas("ipfs", 5), null, Cancellation);

        var versions = await Store.VersionsAsync("my-app", Cancellation);

        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal([null, "more ipfs", "first"], versions.Select(v => v.Comment));
        Assert.Equal(3, (await Store.GetAsync("my-app", 1, Cancellation))!.Design.Component("ipfs")!.Replicas);
        Assert.Equal(5, (await Store.LatestAsync("my-app", Cancellation))!.Design.Component("ipfs")!.Replicas);
    }

    [Fact]
    public async Task SaveAsync_SameDesignAgain_ReturnsTheLatestWithoutANewVersion()
    {
        var first = await Store.SaveAsync(Alice, Designs.MyApp(), "first", Cancellation);

        var again = await Store.SaveAsync(Alice, Designs.MyApp(), "again", Cancellation);

        Assert.Equal(first, again);
        Assert.Single(await Store.VersionsAsync("my-app", Cancellation));
    }

    [Fact]
    public async Task SaveAsync_DesignWithErrors_IsRefusedByFieldAndLeavesTheStoreAsItWas()
    {
        var kept = await Store.SaveAsync(Alice, Designs.MyApp(), "good", Cancellation);
        var broken = Designs.MyApp().WithQuorum(6).WithReplicas("ipfs", -1);

        var refused = await Assert.ThrowsAsync<OperationValidationException>(() => Store.SaveAsync(Alice, broken, "bad", Cancellation));

        Assert.Equal(["components[ipfs].replicas", "ha_policy.consensus.quorum"], refused.Errors.Keys);
        Assert.Contains("quorum 6 exceeds the 5 validators", refused.Errors["ha_policy.consensus.quorum"], StringComparison.Ordinal);
        Assert.Contains("(quorum-exceeds-validators)", refused.Errors["ha_policy.consensus.quorum"], StringComparison.Ordinal);
        Assert.Equal(kept, await Store.LatestAsync("my-app", Cancellation));
        Assert.Single(await Store.VersionsAsync("my-app", Cancellation));
        Assert.Equal(AuditOutcome.Failed, (await AuditAsync())[0].Outcome);
    }

    [Fact]
    public async Task SaveAsync_DesignWithWarningsOnly_IsSaved()
    {
        var saved = await Store.SaveAsync(Alice, Designs.MyApp().WithQuorum(3), "accept the risk", Cancellation);

        Assert.Equal(1, saved.Version!.Version);
    }

    [Fact]
    public async Task SaveAsync_CommentTooLong_IsRefusedOnTheComment()
    {
        var refused = await Assert.ThrowsAsync<OperationValidationException>(() => Store.SaveAsync(Alice, Designs.MyApp(), new string('x', 501), Cancellation));

        Assert.Equal(["comment"], refused.Errors.Keys);
    }

    [Fact]
    public async Task SaveAsync_Viewer_IsDeniedAndAudited()
    {
        var denied = await Assert.ThrowsAsync<OperationDeniedException>(() => Store.SaveAsync(Victor, Designs.MyApp(), null, Cancellation));

        Assert.Contains("Operator", denied.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.VersionsAsync("my-app", Cancellation));
        Assert.Equal(AuditOutcome.Denied, Assert.Single(await AuditAsync()).Outcome);
    }

    [Fact]
    public async Task SaveAsync_ApiKeyForAnotherApp_IsDenied()
    {
        await Assert.ThrowsAsync<OperationDeniedException>(() => Store.SaveAsync(OtherAppKey, Designs.MyApp(), null, Cancellation));

        Assert.Null(await Store.LatestAsync("my-app", Cancellation));
    }

    [Fact]
    public async Task SaveAsync_ConcurrentSaves_GetDistinctConsecutiveVersions()
    {
        var saves = Enumerable.Range(3, 6).Select(replicas => Task.Run(() => Store.SaveAsync(Alice, Designs.MyApp().WithReplicas("ipfs", replicas), null, Cancellation), Cancellation));

        var saved = await Task.WhenAll(saves);

        Assert.Equal([1, 2, 3, 4, 5, 6], saved.Select(s => s.Version!.Version).Order());
    }

    [Fact]
    public async Task CurrentOrDefaultAsync_ConfiguredAppWithoutDesign_IsTheConfiguredTopologyWithDefaults()
    {
        var current = await Store.CurrentOrDefaultAsync("my-app", Cancellation);

        Assert.Null(current.Version);
        Assert.Equal(ProviderKind.Local, current.Design.Provider);
        Assert.Equal([3, 5, 2, 3], current.Design.Components.OrderBy(c => c.Role).Select(c => c.Replicas));
        Assert.Equal(4, current.Design.Policy.Consensus.Quorum);
        Assert.Empty(current.Design.Regions);
    }

    [Fact]
    public async Task CurrentOrDefaultAsync_AfterASave_IsTheLatestVersion()
    {
        await Store.SaveAsync(Alice, Designs.MyApp(), null, Cancellation);

        var current = await Store.CurrentOrDefaultAsync("my-app", Cancellation);

        Assert.Equal((Designs.MyApp(), 1), (current.Design, current.Version!.Version));
    }

    [Fact]
    public async Task Reads_UnknownAppOrVersion_AreNullOrNotFound()
    {
        await Store.SaveAsync(Alice, Designs.MyApp(), null, Cancellation);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.CurrentOrDefaultAsync("nobody", Cancellation));
        Assert.Null(await Store.GetAsync("my-app", 2, Cancellation));
        Assert.Null(await Store.LatestAsync("nobody", Cancellation));
        Assert.Empty(await Store.VersionsAsync("nobody", Cancellation));
    }

    [Fact]
    public async Task SaveAsync_AppTheDashboardDoesNotKnow_IsRefusedOnTheName()
    {
        var refused = await Assert.ThrowsAsync<OperationValidationException>(() => Store.SaveAsync(Alice, Designs.MyApp() with { Name = "payments" }, null, Cancellation));

        Assert.Equal(["name"], refused.Errors.Keys);
        Assert.Empty(await Store.VersionsAsync("payments", Cancellation));
    }

    [Fact]
    public async Task MarkAppliedAsync_SavedVersion_IsTheAppliedOne()
    {
        await Store.SaveAsync(Alice, Designs.MyApp(), null, Cancellation);
        var second = await Store.SaveAsync(Alice, Designs.MyApp().WithReplicas("ipfs", 4), null, Cancellation);

        await Store.MarkAppliedAsync("my-app", 2, "alice", Cancellation);

        var applied = Assert.Single(await Store.AppliedAsync(Cancellation));
        Assert.Equal((second.Design, 2, "alice", (DateTimeOffset?)DesignStore.Now), (applied.Design, applied.Version!.Version, applied.Version.AppliedBy, applied.Version.AppliedAt));
    }
}
