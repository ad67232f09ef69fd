namespace MetaNode.Dashboard.Hosting;

/// <summary>
/// <c>MetaNode.Dashboard healthcheck [url]</c>: asks a running dashboard for <c>/healthz</c> and
/// exits 0 when it answers 200. The container's HEALTHCHECK uses it, because the runtime image
/// has no curl or wget.
/// </summary>
internal static class HealthProbeCommand
{
    /// <summary>The first argument that selects this command.</summary>
    public const string Verb = "healthcheck";

    private const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    /// <summary>True when <paramref name="args"/> asks for the probe rather than the server.</summary>
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Probes once with a short timeout; 0 healthy, 1 not.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }
}
