using System.Net;
using System.Net.Sockets;

namespace MetaNode.Devnet.Tests.Support;

/// <summary>
/// Hands out loopback ports nobody listens on, from this assembly's own range 19000-19999: below
/// the kernel's ephemeral range (32768+), so the outgoing connections of the nodes under test
/// cannot take a port between this check and the node's bind; clear of the dashboard's local range
/// (18500-18999) and of the other test assemblies' ranges (11000-18499, 20000-36999). A port is
/// never handed out twice in one test run.
/// </summary>
internal static class FreePorts
{
    private const int RangeStart = 19_000;
    private const int RangeEnd = 20_000;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];

    /// <summary>One free port.</summary>
    public static int One() => Block(1);

    /// <summary>The first of <paramref name="count"/> consecutive free ports.</summary>
    public static int Block(int count)
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var first = Random.Shared.Next(RangeStart, RangeEnd - count);
                var ports = Enumerable.Range(first, count).ToList();
                if (ports.Any(Given.Contains) || !ports.All(IsFree))
                {
                    continue;
                }

                Given.UnionWith(ports);
                return first;
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free loopback ports between {RangeStart} and {RangeEnd}");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
