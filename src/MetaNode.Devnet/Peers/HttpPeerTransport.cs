using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Hosting;

namespace MetaNode.Devnet.Peers;

/// <summary>
/// Peer traffic between node processes over HTTP (<c>/p2p/*</c>). The sender names itself in
/// <see cref="SenderHeader"/> so a partitioned receiver can refuse it.
/// </summary>
internal sealed class HttpPeerTransport(HttpClient client, TimeSpan callTimeout) : IPeerTransport
{
    /// <summary>Header carrying the calling node's id.</summary>
    public const string SenderHeader = "X-MetaNode-Peer";

    public async Task<Vote> ProposeAsync(Peer peer, Proposal proposal, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var request = Request(HttpMethod.Post, peer, "p2p/proposal", proposal.From);
        request.Content = JsonContent.Create(proposal, DevnetJsonContext.Default.Proposal);
        using var response = await client.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(DevnetJsonContext.Default.Vote, timeout.Token)
               ?? throw new HttpRequestException("empty vote");
    }

    public async Task CommitAsync(Peer peer, Commit commit, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var request = Request(HttpMethod.Post, peer, "p2p/commit", commit.From);
        request.Content = JsonContent.Create(commit, DevnetJsonContext.Default.Commit);
        using var response = await client.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
    }

    public async Task<PeerStatus> StatusAsync(Peer peer, string from, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var request = Request(HttpMethod.Get, peer, "p2p/status", from);
        using var response = await client.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(DevnetJsonContext.Default.PeerStatus, timeout.Token)
               ?? throw new HttpRequestException("empty status");
    }

    public async Task<IReadOnlyList<Block>> BlocksAsync(Peer peer, string from, long start, int count, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var request = Request(HttpMethod.Get, peer, FormattableString.Invariant($"p2p/blocks?from={start}&count={count}"), from);
        using var response = await client.SendAsync(request, timeout.Token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(DevnetJsonContext.Default.ListBlock, timeout.Token) ?? [];
    }

    private static HttpRequestMessage Request(HttpMethod method, Peer peer, string path, string from)
    {
        var request = new HttpRequestMessage(method, new Uri(peer.Url, path));
        request.Headers.Add(SenderHeader, from);
        return request;
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(callTimeout);
        return source;
    }
}
