using System.Globalization;
using System.Text.RegularExpressions;

namespace MetaNode.Devnet.Tests.Support;

/// <summary>Ethereum's JSON-RPC encodings, checked independently of the devnet's own code.</summary>
internal static partial class WireFormat
{
    /// <summary>True for a quantity: 0x-prefixed lowercase hex without leading zeros ("0x0", "0x1a").</summary>
    public static bool IsQuantity(string? text) => text is not null && QuantityPattern().IsMatch(text);

    /// <summary>True for 0x-prefixed data of exactly <paramref name="bytes"/> bytes.</summary>
    public static bool IsData(string? text, int bytes) =>
        text is not null && text.Length == 2 + (2 * bytes) && DataPattern().IsMatch(text);

    /// <summary>True for a 32-byte hash.</summary>
    public static bool IsHash(string? text) => IsData(text, 32);

    /// <summary>True for a 20-byte address.</summary>
    public static bool IsAddress(string? text) => IsData(text, 20);

    /// <summary>The value of a quantity; fails the test when <paramref name="text"/> is not one.</summary>
    public static long ToLong(string? text)
    {
        Assert.True(IsQuantity(text), $"'{text}' is not a hex quantity without leading zeros");
        return long.Parse(text![2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Encodes a quantity the way a client would.</summary>
    public static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    [GeneratedRegex("^0x(0|[1-9a-f][0-9a-f]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex("^0x([0-9a-f]{2})*$", RegexOptions.CultureInvariant)]
    private static partial Regex DataPattern();
}
