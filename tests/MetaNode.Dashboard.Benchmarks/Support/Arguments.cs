using System.Globalization;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>A scenario's options: positional (<c>1000 60</c>) or named (<c>nodes=1000 seconds=60</c>).</summary>
internal static class Arguments
{
    /// <summary>The option <paramref name="name"/> at <paramref name="position"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, int position, string name, int fallback, int min, int max)
    {
        var named = args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase));
        var text = named?[(name.Length + 1)..] ?? (position < args.Length && !args[position].Contains('=', StringComparison.Ordinal) ? args[position] : null);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max} (was '{text}')");
    }
}
