namespace MetaNode.Devnet.Hosting;

/// <summary>
/// <c>metanode-devnet health [url]</c>: asks a node's <c>GET /health</c> and exits 0 on a 2xx answer,
/// 1 otherwise. The devnet image is FROM scratch (no shell, no curl), so a container health check
/// (docker-compose <c>healthcheck</c>, Kubernetes <c>exec</c> probe) can only run this program.
/// </summary>
public static class HealthCheckCommand
{
    /// <summary>The first argument that selects this command.</summary>
    public const string Name = "health";

    /// <summary>Where a node listens by default in its container.</summary>
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:8545/health");

    // The container runtime enforces the check's own timeout; this one only keeps a stray call from hanging.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the check with the arguments after <see cref="Name"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > 1 || (arguments.Count == 1 && !IsHttpUrl(arguments[0])))
        {
            await Console.Error.WriteLineAsync($"usage: metanode-devnet {Name} [{DefaultUrl}]");
            return DevnetHost.InvalidSettingsExitCode;
        }

        var url = arguments.Count == 1 ? new Uri(arguments[0]) : DefaultUrl;
        using var client = new HttpClient { Timeout = RequestTimeout };
        try
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            // Docker keeps the last output of a health check: the node's own words say why it is (un)healthy.
            await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"unreachable: {e.Message}");
            return 1;
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
