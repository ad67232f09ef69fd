using System.Globalization;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Configuration;

/// <summary>
/// Collects validation failures keyed by their full configuration path
/// (<c>Dashboard:Storage:Path</c>), so messages always name the key an operator must change.
/// Sections share one list, so a nested section's errors land in the root's result.
/// </summary>
public sealed class ConfigurationErrors
{
    private readonly List<string> _messages;
    private readonly string _prefix;

    /// <summary>Starts an empty list for the section at <paramref name="prefix"/>.</summary>
    public ConfigurationErrors(string prefix)
        : this(prefix, [])
    {
    }

    private ConfigurationErrors(string prefix, List<string> messages)
    {
        _prefix = prefix;
        _messages = messages;
    }

    /// <summary>Every message so far, in the order found.</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>A view on a nested section that writes into the same list.</summary>
    public ConfigurationErrors Section(string name) => new($"{_prefix}:{name}", _messages);

    /// <summary>Records that <paramref name="key"/> breaks <paramref name="rule"/>.</summary>
    public void Add(string key, string rule) => _messages.Add($"{_prefix}:{key}: {rule}");

    /// <summary>Requires <paramref name="value"/> to lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void RequireRange<T>(string key, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            Add(key, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (was {value})"));
        }
    }

    /// <summary>The options-framework result: success, or one failure per message.</summary>
    public ValidateOptionsResult ToResult() =>
        _messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_messages);
}
