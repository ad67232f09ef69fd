using System.Net;
using System.Reflection;
using MetaNode.Dashboard.Api;
using MetaNode.Dashboard.Security;
using MetaNode.Dashboard.Tests.Api;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using MetaNode.Operations.Security.ApiKeys;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Versions;
using MetaNode.Operations.Topology.Planning;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Security;

/// <summary>
/// Every mutating service method (found by reflection: a public method whose first parameter is an
/// <see cref="Actor"/>) and every mutating API endpoint (found in the routing table) leaves exactly
/// one audit entry per call, allowed or refused, with who, what, target, outcome, time, source
/// address and correlation id. A new method or endpoint without a scenario here fails.
/// </summary>
public sealed class AuditCompletenessTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string SourceAddress = "203.0.113.7";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Methods that take an actor only to refuse it, and change nothing.</summary>
    private static readonly HashSet<string> Reads = new(StringComparer.Ordinal)
    {
        $"{nameof(UserAdministration)}.{nameof(UserAdministration.ListAsync)}",
    };

    /// <summary>How to call each mutating method once, on a fresh target, and the action it records.</summary>
    private Dictionary<string, (string Action, Func<Actor, Task> Call)> Scenarios() => new(StringComparer.Ordinal)
    {
        [$"{nameof(ApiKeyService)}.{nameof(ApiKeyService.CreateAsync)}"] = ("api-key.create", actor =>
            Keys.CreateAsync(actor, new ApiKeyRequest(Unique("key"), "Viewer", null, 30), Cancellation)),
        [$"{nameof(ApiKeyService)}.{nameof(ApiKeyService.RevokeAsync)}"] = ("api-key.revoke", async actor =>
        {
            var key = await Keys.CreateAsync(Actor.System("setup"), new ApiKeyRequest(Unique("key"), "Viewer"), Cancellation);
            await Keys.RevokeAsync(actor, key.Info.Id, Cancellation);
        }),
        [$"{nameof(WatchedNodeService)}.{nameof(WatchedNodeService.AddAsync)}"] = ("watched-node.add", actor =>
            Watched.AddAsync(actor, new WatchedNodeRequest(ApiTestHost.OtherApp, Unique("node"), "blockchain", "http://127.0.0.1:9/x/"), Cancellation)),
        [$"{nameof(WatchedNodeService)}.{nameof(WatchedNodeService.RemoveAsync)}"] = ("watched-node.remove", async actor =>
        {
            var node = await Watched.AddAsync(Actor.System("setup"), new WatchedNodeRequest(ApiTestHost.OtherApp, Unique("node"), "blockchain", "http://127.0.0.1:9/y/"), Cancellation);
            await Watched.RemoveAsync(actor, node.App, node.Name, Cancellation);
        }),
        [$"{nameof(TopologyApplier)}.{nameof(TopologyApplier.ApplyAsync)}"] = ("topology.apply", actor =>
            api.Services.GetRequiredService<TopologyApplier>().ApplyAsync(
                actor,
                TopologyDesign.FromAppTopology(api.Services.GetRequiredService<AppCatalog>().Find(ApiTestHost.OperatedApp)!),
                Cancellation)),
        [$"{nameof(TopologyDesignStore)}.{nameof(TopologyDesignStore.SaveAsync)}"] = ("topology.save", actor =>
            api.Services.GetRequiredService<TopologyDesignStore>().SaveAsync(actor, SavableDesign(), "audit test", Cancellation)),
        [$"{nameof(UserAdministration)}.{nameof(UserAdministration.CreateAsync)}"] = ("user.create", actor =>
            Users.CreateAsync(actor, new NewUser(Unique("user"), DashboardRole.Viewer, DashboardTestPassword), Cancellation)),
        [$"{nameof(UserAdministration)}.{nameof(UserAdministration.ChangeRoleAsync)}"] = ("user.change-role", async actor =>
            await Users.ChangeRoleAsync(actor, await NewUserIdAsync(), DashboardRole.Operator, Cancellation)),
        [$"{nameof(UserAdministration)}.{nameof(UserAdministration.LockAsync)}"] = ("user.lock", async actor =>
            await Users.LockAsync(actor, await NewUserIdAsync(), Cancellation)),
        [$"{nameof(UserAdministration)}.{nameof(UserAdministration.UnlockAsync)}"] = ("user.unlock", async actor =>
        {
            var id = await NewUserIdAsync();
            await Users.LockAsync(Actor.System("setup"), id, Cancellation);
            await Users.UnlockAsync(actor, id, Cancellation);
        }),
        [$"{nameof(UserAdministration)}.{nameof(UserAdministration.ResetPasswordAsync)}"] = ("user.reset-password", async actor =>
            await Users.ResetPasswordAsync(actor, await NewUserIdAsync(), "a brand new passphrase", Cancellation)),
        [$"{nameof(UserAdministration)}.{nameof(UserAdministration.DeleteAsync)}"] = ("user.delete", async actor =>
            await Users.DeleteAsync(actor, await NewUserIdAsync(), Cancellation)),
    };

    /// <summary>The operated app's design with one ipfs node and one copy of data: valid, so a save succeeds.</summary>
    private TopologyDesign SavableDesign()
    {
        var design = TopologyDesign.FromAppTopology(api.Services.GetRequiredService<AppCatalog>().Find(ApiTestHost.OperatedApp)!);
        return design with
        {
            Components = [.. design.Components.Select(c => c with { Replicas = 1 })],
            Policy = design.Policy with { Replication = design.Policy.Replication with { ReplicationFactor = 1 } },
        };
    }

    private const string DashboardTestPassword = MetaNode.Testing.DashboardTestHost.TestPassword;

    private ApiKeyService Keys => api.Services.GetRequiredService<ApiKeyService>();

    private WatchedNodeService Watched => api.Services.GetRequiredService<WatchedNodeService>();

    private UserAdministration Users => api.Services.GetRequiredService<UserAdministration>();

    private IAuditLog Audit => api.Services.GetRequiredService<IAuditLog>();

    [Fact]
    public void EveryMethodTakingAnActor_HasAScenario()
    {
        var discovered = new[] { typeof(OperationGate).Assembly, typeof(UserAdministration).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsPublic && t != typeof(OperationGate) && t != typeof(Actor))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(Actor))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal(Scenarios().Keys.Concat(Reads).Order(), discovered);
    }

    [Fact]
    public async Task EveryMutatingMethod_AllowedOrRefused_LeavesExactlyOneCompleteEntry()
    {
        await api.Host.CreateUserAsync("audit-admin", DashboardRoles.Admin);
        foreach (var (method, (action, call)) in Scenarios())
        {
            var admin = Caller(DashboardRole.Admin);
            var before = api.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await call(admin);
            var allowed = await EntriesOfAsync(admin.CorrelationId);
            var entry = Assert.Single(allowed);
            AssertComplete(method, entry, admin, action, AuditOutcome.Succeeded, before);

            var viewer = Caller(DashboardRole.Viewer);
            await Assert.ThrowsAsync<OperationDeniedException>(() => call(viewer));
            var refused = Assert.Single(await EntriesOfAsync(viewer.CorrelationId));
            AssertComplete(method, refused, viewer, action, AuditOutcome.Denied, before);
            Assert.False(string.IsNullOrWhiteSpace(refused.Error), $"{method}: a refusal says why");
        }
    }

    [Fact]
    public void EveryMutatingApiEndpoint_DeclaresItsAuditedOperation()
    {
        var mutating = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m != "GET") == true)
            .Where(e => e.Metadata.GetMetadata<ReadOnlyOperationMetadata>() is null)
            .ToList();

        Assert.NotEmpty(mutating);
        Assert.All(mutating, e => Assert.True(
            e.Metadata.GetMetadata<AuditedOperationMetadata>() is not null,
            $"{e.RoutePattern.RawText} changes something but declares no audited operation"));
    }

    [Fact]
    public async Task MutatingApiCalls_AllowedRefusedOrInvalid_LeaveExactlyOneEntryEach()
    {
        var admin = api.KeyClient(await api.CreateKeyAsync(Unique("audit-admin"), DashboardRole.Admin));
        var viewer = api.KeyClient(await api.CreateKeyAsync(Unique("audit-viewer"), DashboardRole.Viewer));
        var node = Unique("api-node");
        var calls = new (string Action, HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Send, HttpStatusCode Status, AuditOutcome Outcome)[]
        {
            ("watched-node.add", admin, c => c.PostJsonAsync($"/api/v1/apps/{ApiTestHost.OtherApp}/watched-nodes", new { name = node, url = "http://127.0.0.1:9/z/", component = "blockchain" }), HttpStatusCode.Created, AuditOutcome.Succeeded),
            ("watched-node.add", admin, c => c.PostJsonAsync($"/api/v1/apps/{ApiTestHost.OtherApp}/watched-nodes", new { name = "bad name!", url = "ftp://x" }), HttpStatusCode.BadRequest, AuditOutcome.Failed),
            ("watched-node.add", viewer, c => c.PostJsonAsync($"/api/v1/apps/{ApiTestHost.OtherApp}/watched-nodes", new { name = Unique("n"), url = "http://127.0.0.1:9/" }), HttpStatusCode.Forbidden, AuditOutcome.Denied),
            ("watched-node.remove", admin, c => c.DeletePathAsync($"/api/v1/apps/{ApiTestHost.OtherApp}/watched-nodes/{node}"), HttpStatusCode.NoContent, AuditOutcome.Succeeded),
            ("watched-node.remove", viewer, c => c.DeletePathAsync($"/api/v1/apps/{ApiTestHost.OtherApp}/watched-nodes/{node}"), HttpStatusCode.Forbidden, AuditOutcome.Denied),
            ("api-key.create", admin, c => c.PostJsonAsync("/api/v1/api-keys", new { name = Unique("k"), role = "Viewer" }), HttpStatusCode.Created, AuditOutcome.Succeeded),
            ("api-key.create", viewer, c => c.PostJsonAsync("/api/v1/api-keys", new { name = Unique("k"), role = "Admin" }), HttpStatusCode.Forbidden, AuditOutcome.Denied),
            ("api-key.revoke", admin, c => c.DeletePathAsync("/api/v1/api-keys/k0000000000"), HttpStatusCode.NotFound, AuditOutcome.Failed),
            ("topology.save", admin, c => c.PutAsync(new Uri($"/api/v1/apps/{ApiTestHost.OperatedApp}/topology", UriKind.Relative), new StringContent("name: [unclosed", System.Text.Encoding.UTF8, "application/yaml"), Cancellation), HttpStatusCode.BadRequest, AuditOutcome.Failed),
            ("topology.save", viewer, c => c.PutAsync(new Uri($"/api/v1/apps/{ApiTestHost.OperatedApp}/topology", UriKind.Relative), new StringContent("name: ops-app", System.Text.Encoding.UTF8, "application/yaml"), Cancellation), HttpStatusCode.Forbidden, AuditOutcome.Denied),
            ("topology.apply", admin, c => c.PostAsync(new Uri($"/api/v1/apps/{ApiTestHost.WatchedApp}/topology/apply", UriKind.Relative), null, Cancellation), HttpStatusCode.NotFound, AuditOutcome.Failed),
        };

        foreach (var (action, client, send, status, outcome) in calls)
        {
            var before = await Audit.QueryAsync(new AuditQuery { Action = action, Limit = 10_000 }, Cancellation);
            using var response = await send(client);
            Assert.True(response.StatusCode == status, $"{action}: expected {(int)status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");

            var after = await Audit.QueryAsync(new AuditQuery { Action = action, Limit = 10_000 }, Cancellation);
            var added = after.ExceptBy(before.Select(e => e.Id), e => e.Id).ToList();
            var entry = Assert.Single(added);
            Assert.Equal(outcome, entry.Outcome);
            Assert.Equal(ActorKind.ApiKey, entry.ActorKind);
            Assert.StartsWith("audit-", entry.ActorName, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(entry.Target));
            Assert.False(string.IsNullOrWhiteSpace(entry.CorrelationId));
            // The in-memory test server has no client address; Kestrel's is recorded (AccountTests sees it).
        }
    }

    private static void AssertComplete(string method, AuditEntry entry, Actor actor, string action, AuditOutcome outcome, DateTimeOffset before)
    {
        Assert.True(entry.Action == action, $"{method}: action {entry.Action}, expected {action}");
        Assert.True(entry.Outcome == outcome, $"{method}: outcome {entry.Outcome}, expected {outcome}");
        Assert.Equal(actor.Kind, entry.ActorKind);
        Assert.Equal(actor.Id, entry.ActorId);
        Assert.Equal(actor.Name, entry.ActorName);
        Assert.Equal(SourceAddress, entry.SourceAddress);
        Assert.False(string.IsNullOrWhiteSpace(entry.Target), $"{method}: the target is recorded");
        Assert.InRange(entry.At, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    private async Task<IReadOnlyList<AuditEntry>> EntriesOfAsync(string correlationId) =>
        [.. (await Audit.QueryAsync(new AuditQuery { Limit = 10_000 }, Cancellation)).Where(e => e.CorrelationId == correlationId)];

    private static Actor Caller(DashboardRole role) =>
        new(ActorKind.User, "user-" + role, "audit-" + role.ToString().ToLowerInvariant(), role, null, SourceAddress, Guid.NewGuid().ToString("N"));

    private async Task<string> NewUserIdAsync()
    {
        var created = await Users.CreateAsync(Actor.System("setup"), new NewUser(Unique("user"), DashboardRole.Viewer, DashboardTestPassword), Cancellation);
        return created.Id;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
