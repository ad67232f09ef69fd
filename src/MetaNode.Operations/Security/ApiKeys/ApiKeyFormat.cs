using System.Security.Cryptography;
using System.Text;

namespace MetaNode.Operations.Security.ApiKeys;

/// <summary>
/// The text of a key, <c>mnk_{id}_{secret}</c>: a 64-bit public id (16 hex digits) that finds the
/// record, and a 256-bit secret (64 hex digits) of which only a SHA-256 hash is stored.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "mnk_";

    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    /// <summary>A new id and secret and the key made of them.</summary>
    public static (string Id, string Secret, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Splits a presented key into id and secret; false when it is not shaped like a key.</summary>
    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = secret = string.Empty;
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != IdBytes * 2 || rest.Length - separator - 1 != SecretBytes * 2
            || !IsLowerHex(rest[..separator]) || !IsLowerHex(rest[(separator + 1)..]))
        {
            return false;
        }

        id = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>SHA-256 of the secret's text, as lowercase hex (what the store keeps).</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares a secret with a stored hash in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
