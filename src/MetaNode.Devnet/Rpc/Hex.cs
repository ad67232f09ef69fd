using System.Globalization;

namespace MetaNode.Devnet.Rpc;

/// <summary>Ethereum's hex encodings: quantities without leading zeros ("0x0", "0x1a").</summary>
internal static class Hex
{
    /// <summary>Encodes a non-negative quantity.</summary>
    public static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Parses a quantity ("0x1a"); false for anything else.</summary>
    public static bool TryParseQuantity(string? text, out long value)
    {
        value = 0;
        return text is { Length: > 2 and <= 18 } && text.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            && value >= 0;
    }

    /// <summary>True for a 0x-prefixed 32-byte hash.</summary>
    public static bool IsHash(string? text) =>
        text is { Length: 66 } && text.StartsWith("0x", StringComparison.Ordinal) && text.AsSpan(2).ContainsOnlyHex();

    private static bool ContainsOnlyHex(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
