using System.Globalization;
using System.Text;

namespace MetaNode.Operations.Audit;

/// <summary>
/// Audit entries as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break (quotes doubled). A cell that a spreadsheet would read as a
/// formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return)
/// gets a leading apostrophe, so a target or error typed by someone cannot run in the reader's
/// spreadsheet.
/// </summary>
public static class AuditCsv
{
    /// <summary>The columns, in order, as the header row names them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "time_utc", "actor_kind", "actor_id", "actor", "action", "target", "app", "outcome",
        "error", "source_address", "correlation_id", "parameters",
    ];

    /// <summary>Writes the header and one row per entry, as they arrive.</summary>
    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> entries, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(Row(Columns));
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Row(entry));
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One entry as a CSV row, with its CRLF.</summary>
    public static string Row(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Row(
        [
            entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            entry.ActorKind.ToString(),
            entry.ActorId,
            entry.ActorName,
            entry.Action,
            entry.Target,
            entry.App,
            entry.Outcome.ToString(),
            entry.Error,
            entry.SourceAddress,
            entry.CorrelationId,
            entry.Parameters,
        ]);
    }

    /// <summary>One value as a CSV field: formula-neutralized, then quoted when it must be.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny("\",\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string Row(IReadOnlyList<string?> values)
    {
        var row = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            row.Append(Field(values[i]));
        }

        return row.Append("\r\n").ToString();
    }
}
