using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MetaNode.Testing;

namespace MetaNode.Dashboard.Tests.Hosting;

/// <summary>
/// The shape the Docker image ships: <c>dotnet publish</c> output started in Production. Its
/// root <c>wwwroot/</c> and <c>appsettings.json</c> come through the project's symlinks.
/// </summary>
public sealed partial class PublishedBuildTests : IDisposable
{
    private readonly TempDirectory _publish = new("metanode-publish");

    public void Dispose() => _publish.Dispose();

    [Fact]
    public async Task PublishedBuild_StartedInProduction_ServesAssetsRunsItsClusterAndStopsItCleanly()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var published = await ChildProcess.RunAsync(
            "dotnet",
            ["publish", RepositoryPaths.Combine("src", "MetaNode.Dashboard"), "-c", "Release", "-o", _publish.Path, "-nologo"],
            TimeSpan.FromMinutes(5),
            cancellationToken: cancellation);
        Assert.True(published.ExitCode == 0, published.StandardOutput + published.StandardError);
        Assert.True(File.Exists(Path.Combine(_publish.Path, "appsettings.json")), "appsettings.json is published");
        Assert.True(File.Exists(Path.Combine(_publish.Path, "wwwroot", "js", "app.js")), "the root wwwroot/ is published");

        var port = FreePort();
        using var server = StartPublished(port);
        var output = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Eventually.UntilAsync(
                async () => (await client.GetAsync(new Uri("healthz", UriKind.Relative), cancellation)).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60),
                "the published dashboard to answer /healthz");

            var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), cancellation);
            var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
            Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
            foreach (var asset in assets)
            {
                using var response = await client.GetAsync(new Uri(asset, UriKind.Relative), cancellation);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            }

            var healthy = await RunProbeAsync($"http://127.0.0.1:{port}/healthz");
            Assert.Equal(0, healthy.ExitCode);

            // The devnet ships in the published output: the configured my-app comes up from it.
            await Eventually.UntilAsync(
                () => { lock (output) { return output.ToString().Contains("Local app my-app is up: 13 node(s) running", StringComparison.Ordinal); } },
                TimeSpan.FromSeconds(90),
                "the published dashboard to bring my-app up");
            Assert.Equal(13, LocalNodeProcesses().Count);

            // A graceful stop takes the nodes with it.
            await ChildProcess.RunAsync("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10), cancellationToken: cancellation);
            await server.WaitForExitAsync(cancellation).WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            Assert.Empty(LocalNodeProcesses());
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        var unreachable = await RunProbeAsync($"http://127.0.0.1:{FreePort()}/healthz");
        Assert.Equal(1, unreachable.ExitCode);
    }

    private Process StartPublished(int port)
    {
        var start = new ProcessStartInfo(Path.Combine(_publish.Path, "MetaNode.Dashboard"))
        {
            WorkingDirectory = _publish.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Dashboard:Storage:Path={Path.Combine(_publish.Path, "data", "metanode.db")}");
        start.ArgumentList.Add($"--Dashboard:Cluster:Local:StateDirectory={StateDirectory}");
        start.ArgumentList.Add("--Dashboard:Cluster:Local:PortRangeStart=36000");
        start.ArgumentList.Add("--Dashboard:Cluster:Local:PortRangeEnd=36999");
        start.ArgumentList.Add("--Dashboard:Apps:my-app:EntryPoint:Port=0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(start)!;
    }

    private string StateDirectory => Path.Combine(_publish.Path, "data", "cluster");

    /// <summary>Devnet processes carrying this dashboard's state-directory label.</summary>
    private List<int> LocalNodeProcesses() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ReadCommandLine(pid).Contains("metanode-local:" + StateDirectory, StringComparison.Ordinal))];

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private Task<ChildProcess.Result> RunProbeAsync(string url) =>
        ChildProcess.RunAsync(
            Path.Combine(_publish.Path, "MetaNode.Dashboard"),
            ["healthcheck", url],
            TimeSpan.FromSeconds(30),
            _publish.Path,
            cancellationToken: TestContext.Current.CancellationToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetReference();
}
