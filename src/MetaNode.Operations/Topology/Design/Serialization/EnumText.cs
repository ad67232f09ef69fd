using System.Text;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>Enum values as the format writes them: lower-case snake_case (<c>blue_green</c>, <c>kubernetes</c>).</summary>
public static class EnumText
{
    /// <summary>The word for <paramref name="value"/>.</summary>
    public static string Format<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>Every word <typeparamref name="T"/> accepts, in declaration order.</summary>
    public static IReadOnlyList<string> Words<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(Format)];

    /// <summary>Reads a word (ignoring case); false for anything that is not one of <see cref="Words{T}"/>.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Format(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
