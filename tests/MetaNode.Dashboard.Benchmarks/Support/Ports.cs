using System.Net;
using System.Net.Sockets;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>Finds loopback ports nobody listens on.</summary>
internal static class Ports
{
    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports in 11000-18499: below the kernel's
    /// ephemeral range (32768+, where the probes' own client sockets live), below the dashboard's
    /// local range (18500-18999) and the test suites' ranges (20000-36999). A port can still be taken
    /// between this check and the devnet's bind; the devnet then exits and says which.
    /// </summary>
    public static int FindConsecutiveFree(int count, int first = 11000, int last = 18499)
    {
        var start = first;
        for (var port = first; port <= last; port++)
        {
            if (!IsFree(port))
            {
                start = port + 1;
                continue;
            }

            if (port - start + 1 == count)
            {
                return start;
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free ports in {first}-{last}");
    }

    private static bool IsFree(int port)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
