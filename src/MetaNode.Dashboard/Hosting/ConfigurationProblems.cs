using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Hosting;

/// <summary>
/// Turns the exceptions a bad configuration raises at start (a failed options validation, or a
/// value the binder cannot convert) into the plain messages an operator needs.
/// </summary>
internal static class ConfigurationProblems
{
    /// <summary>True when <paramref name="exception"/> is a configuration problem; the messages name each key.</summary>
    public static bool TryDescribe(Exception exception, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        Collect(exception, found);
        problems = found;
        return found.Count > 0;
    }

    private static void Collect(Exception exception, List<string> found)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                found.AddRange(validation.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, found);
                }

                break;
            // The configuration binder reports "Failed to convert configuration value at 'key' ...".
            case InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                found.Add(message);
                break;
            default:
                if (exception.InnerException is { } inner2)
                {
                    Collect(inner2, found);
                }

                break;
        }
    }
}
