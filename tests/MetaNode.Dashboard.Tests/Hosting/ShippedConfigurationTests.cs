using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Hosting;

public sealed class ShippedConfigurationTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AppSettings_AsShipped_ValidatesAndDescribesTheBriefsMyApp()
    {
        await using var app = DashboardTestHost.Build(new() { DataDirectory = _data.Path, KeepConfiguredApps = true });

        var myApp = app.Services.GetRequiredService<AppCatalog>().Find("my-app");

        Assert.NotNull(myApp);
        Assert.Equal(ProviderKind.Local, myApp.Provider);
        Assert.Equal(
            [("blockchain", 3), ("validator", 5), ("agreement", 2), ("ipfs", 3)],
            myApp.Components.Select(c => (c.Name, c.Replicas)));
        Assert.Equal(4, myApp.Consensus.EffectiveQuorum(myApp.ValidatorCount));
    }
}
