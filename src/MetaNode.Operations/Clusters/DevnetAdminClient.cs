using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MetaNode.Operations.Clusters;

/// <summary>Calls a devnet node's fault admin API (bearer token): the Local and Docker providers inject faults through it.</summary>
internal sealed class DevnetAdminClient(HttpClient http)
{
    public Task PartitionAsync(NodeEndpoint node, IEnumerable<string> peers, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Post, "admin/partition", new { peers = peers.ToArray() }, cancellationToken);

    public Task ReconnectAsync(NodeEndpoint node, IEnumerable<string> peers, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Post, "admin/reconnect", new { peers = peers.ToArray() }, cancellationToken);

    public Task LatencyAsync(NodeEndpoint node, TimeSpan latency, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Post, "admin/latency", new { milliseconds = (int)latency.TotalMilliseconds }, cancellationToken);

    public Task StallAsync(NodeEndpoint node, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Post, "admin/stall", null, cancellationToken);

    public Task HealAsync(NodeEndpoint node, CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Post, "admin/heal", null, cancellationToken);

    public Task MembershipAsync(
        NodeEndpoint node,
        IReadOnlyDictionary<string, string> validators,
        IReadOnlyDictionary<string, string> peers,
        int quorum,
        CancellationToken cancellationToken) =>
        SendAsync(node, HttpMethod.Put, "admin/membership", new { validators, peers, quorum }, cancellationToken);

    private async Task SendAsync(NodeEndpoint node, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(node.Admin, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.AdminToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var reason = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new ClusterOperationException($"{node.Name} refused {path}: {(int)response.StatusCode} {reason}".TrimEnd());
            }
        }
        catch (HttpRequestException ex)
        {
            throw new ClusterOperationException($"{node.Name} did not answer its admin API ({path}): {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClusterOperationException($"{node.Name} did not answer its admin API ({path}) in time; is it paused or stalled?", ex);
        }
    }
}

/// <summary>How to reach one node's admin API.</summary>
/// <param name="Name">The node, for messages.</param>
/// <param name="Admin">The admin API's base address (<c>http://127.0.0.1:18501/</c>).</param>
/// <param name="AdminToken">Its bearer token.</param>
internal sealed record NodeEndpoint(string Name, Uri Admin, string AdminToken);
