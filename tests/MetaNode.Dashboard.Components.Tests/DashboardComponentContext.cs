using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace MetaNode.Dashboard.Components.Tests;

/// <summary>
/// A bUnit context with what the dashboard's components expect: MudBlazor services, loose JS
/// interop (MudBlazor calls many JS helpers) and an interactive Server renderer.
/// </summary>
public abstract class DashboardComponentContext : BunitContext
{
    protected DashboardComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("operator");
        Authorization.SetRoles("Operator");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Who is signed in (an Operator unless a test says otherwise).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "MetaNode.Dashboard";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
