using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>
/// The real Docker engine the Docker tests need (tests/run.sh starts dockerd and builds the
/// devnet image). Missing, a test skips with the reason when run by hand and fails under
/// run.sh. Also removes everything a test created, by its name prefix.
/// </summary>
internal static partial class DockerTestEngine
{
    public const string Socket = "unix:///var/run/docker.sock";

    public const string Image = "metanode-devnet:local";

    private static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    /// <summary>A client of the engine, pinned to the API version the provider uses at most.</summary>
    public static DockerClient Client() => new DockerClientBuilder().WithEndpoint(new Uri(Socket)).WithApiVersion(new System.Version(1, 41)).Build();

    /// <summary>Skips or fails the test unless the engine answers and has the devnet image.</summary>
    public static async Task RequireAsync()
    {
        var problem = await Problem.Value;
        Prerequisite.Require(problem is null, problem ?? string.Empty);
    }

    /// <summary>Removes the containers, volumes and networks whose names start with <paramref name="prefix"/>.</summary>
    public static async Task RemoveAllAsync(string prefix)
    {
        using var client = Client();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [prefix] = true } },
        });
        foreach (var container in containers.Where(c => c.Names.Any(n => n.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal))))
        {
            await IgnoreMissingAsync(() => client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }));
        }

        var volumes = await client.Volumes.ListAsync(CancellationToken.None);
        foreach (var volume in volumes.Volumes?.Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)) ?? [])
        {
            await IgnoreMissingAsync(() => client.Volumes.RemoveAsync(volume.Name, force: true));
        }

        var networks = await client.Networks.ListNetworksAsync();
        foreach (var network in networks.Where(n => n.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            await IgnoreMissingAsync(() => client.Networks.DeleteNetworkAsync(network.ID));
        }
    }

    private static async Task<string?> FindProblemAsync()
    {
        if (!File.Exists(new Uri(Socket).AbsolutePath))
        {
            return $"no Docker engine: {new Uri(Socket).AbsolutePath} does not exist (apt-get install docker.io; setsid dockerd &)";
        }

        try
        {
            using var client = Client();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.System.PingAsync(timeout.Token);
            await client.Images.InspectImageAsync(Image, timeout.Token);
            await RemoveStaleAsync(client);
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return $"the Docker engine has no image {Image} (deploy/devnet/build-image.sh builds it)";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or DockerApiException or System.Net.Sockets.SocketException)
        {
            return $"the Docker engine at {Socket} does not answer: {ex.Message}";
        }
    }

    /// <summary>
    /// What a killed test run left behind (its clusters carry app names the next run uses too, and
    /// would be found by their labels). Only test prefixes, and only old ones: another run may be
    /// using its own right now.
    /// </summary>
    private static async Task RemoveStaleAsync(DockerClient client)
    {
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["metanode.app"] = true } },
        });
        var stale = containers
            .Where(c => c.Created < DateTime.UtcNow.AddHours(-1))
            .SelectMany(c => c.Names.Select(n => TestPrefix().Match(n.TrimStart('/'))))
            .Where(m => m.Success)
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal);
        foreach (var prefix in stale)
        {
            await RemoveAllAsync(prefix);
        }
    }

    [GeneratedRegex("^mnt[0-9a-f]{6}-")]
    private static partial Regex TestPrefix();

    private static async Task IgnoreMissingAsync(Func<Task> remove)
    {
        try
        {
            await remove();
        }
        catch (DockerApiException)
        {
            // Gone already, or still in use by something removed a moment later: the next test's prefix differs anyway.
        }
    }
}
