using System.Security.Cryptography;
using System.Text;
using MetaNode.Operations.Configuration;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Security;

/// <summary>
/// The one-time link that creates the first Admin when the dashboard has no user. Only a hash is
/// kept, in memory: a restart before setup prints a new link.
/// </summary>
public sealed class SetupTokens(TimeProvider time, IOptions<DashboardOptions> options)
{
    private readonly Lock _gate = new();
    private byte[]? _hash;
    private DateTimeOffset _expiresAt;

    /// <summary>When the current token expires; null when there is none.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _hash is null ? null : _expiresAt;
            }
        }
    }

    /// <summary>Issues a new token (the previous one stops working) and returns it.</summary>
    public string Issue()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _hash = Hash(token);
            _expiresAt = time.GetUtcNow() + options.Value.Security.SetupTokenLifetime;
        }

        return token;
    }

    /// <summary>Why <paramref name="token"/> cannot be used, or null when it can.</summary>
    public string? Check(string? token)
    {
        lock (_gate)
        {
            if (_hash is null)
            {
                return "There is no setup in progress: the first Admin exists. Sign in instead.";
            }

            if (string.IsNullOrEmpty(token) || !CryptographicOperations.FixedTimeEquals(_hash, Hash(token)))
            {
                return "This setup link is not valid. Use the link the dashboard printed at its last start.";
            }

            return time.GetUtcNow() > _expiresAt
                ? "This setup link has expired. Restart the dashboard to print a new one."
                : null;
        }
    }

    /// <summary>Uses up the token (after the first Admin was created).</summary>
    public void Consume()
    {
        lock (_gate)
        {
            _hash = null;
        }
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
