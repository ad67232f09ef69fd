using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MetaNode.Dashboard.Components.Tests.Support;

/// <summary>
/// A bUnit context for the health pages: a real <see cref="HealthState"/> as the feed (tests play
/// the monitor through <see cref="State"/>), a manual clock, an in-memory history, a provider that
/// lists nodes, and an app catalog read from <see cref="Options"/> (change it before rendering).
/// Set up like <see cref="DashboardComponentContext"/>, which it cannot derive from: that context
/// builds its service provider in its constructor, and MudBlazor registers the system clock there
/// first, so the pages' clock must be registered before.
/// </summary>
public abstract class HealthPageContext : BunitContext
{
    protected HealthPageContext()
    {
        Clock = new ManualClock(HealthData.Now);
        State = new HealthState(Clock);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddMudServices();
        Services.AddSingleton<IHealthFeed>(State);
        Services.AddSingleton<IHealthHistory>(History);
        Services.AddSingleton<IClusterProvider>(Provider);
        Services.AddSingleton(_ => new AppCatalog(Microsoft.Extensions.Options.Options.Create(Options)));
        Services.AddSingleton<ClusterRegistry>();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("operator");
        Authorization.SetRoles("Operator");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Who is signed in (an Operator unless a test says otherwise).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>The clock every page reads.</summary>
    protected ManualClock Clock { get; }

    /// <summary>The live state; <c>State.Apply(…)</c> is what the monitor would do.</summary>
    protected HealthState State { get; }

    /// <summary>The store's history.</summary>
    protected FakeHealthHistory History { get; } = new();

    /// <summary>The cluster provider of every app.</summary>
    protected FakeClusterProvider Provider { get; } = new();

    /// <summary>The configuration the catalog reads: the default app unless a test changes it before rendering.</summary>
    protected DashboardOptions Options { get; } = new()
    {
        Apps =
        {
            [HealthData.App] = new AppOptions
            {
                Components =
                {
                    ["blockchain"] = new ComponentOptions { Replicas = 3 },
                    ["validator"] = new ComponentOptions { Replicas = 5 },
                    ["agreement"] = new ComponentOptions { Replicas = 2 },
                    ["ipfs"] = new ComponentOptions { Replicas = 3 },
                },
                Consensus = new ConsensusOptions { Quorum = 4 },
            },
        },
    };

    /// <summary>Plays one pass of the monitor: every node of <paramref name="nodes"/> and the app health derived from them.</summary>
    protected HealthSnapshot Report(IReadOnlyList<NodeHealth> nodes, IReadOnlyList<Finding>? findings = null) =>
        State.Apply(nodes: nodes, apps: [HealthData.AppOf(nodes)], findings: findings);
}
