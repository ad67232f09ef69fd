using System.Net;
using System.Net.Sockets;

namespace MetaNode.Operations.Clusters;

/// <summary>A configured range of host ports that nodes take two at a time (JSON-RPC and admin).</summary>
/// <param name="Start">The first port.</param>
/// <param name="End">The last port.</param>
/// <param name="ConfigurationKey">The keys that set it, for the message when it is full.</param>
internal sealed record PortRange(int Start, int End, string ConfigurationKey)
{
    /// <summary>
    /// The first two ports not in <paramref name="used"/> and, when <paramref name="bindCheck"/> is
    /// given, free to bind on that address right now (something else on the machine may hold one).
    /// </summary>
    public (int Rpc, int Admin) TakeTwo(IReadOnlySet<int> used, IPAddress? bindCheck)
    {
        ArgumentNullException.ThrowIfNull(used);
        var free = new List<int>(2);
        for (var port = Start; port <= End && free.Count < 2; port++)
        {
            if (!used.Contains(port) && (bindCheck is null || IsBindable(bindCheck, port)))
            {
                free.Add(port);
            }
        }

        return free.Count == 2
            ? (free[0], free[1])
            : throw new ClusterOperationException($"no free ports left in {Start}-{End} ({ConfigurationKey})");
    }

    private static bool IsBindable(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
