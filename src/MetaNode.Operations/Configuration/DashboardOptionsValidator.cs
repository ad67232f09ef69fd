using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Configuration;

/// <summary>
/// Validates the whole <see cref="DashboardOptions"/> tree and reports one message per key at
/// fault, each naming the full configuration key and the rule it breaks, so an operator can fix
/// every mistake from one failed start.
/// </summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigurationErrors(DashboardOptions.SectionName);
        ValidateStorage(errors.Section("Storage"), options.Storage);
        return errors.ToResult();
    }

    private static void ValidateStorage(ConfigurationErrors errors, StorageOptions storage)
    {
        if (!StoreProviders.All.Contains(storage.Provider, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("Provider", $"must be one of {string.Join(", ", StoreProviders.All)} (was '{storage.Provider}')");
        }

        if (string.IsNullOrWhiteSpace(storage.Path))
        {
            errors.Add("Path", "must name the database file, e.g. data/metanode.db");
        }
        else if (storage.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add("Path", "contains characters that are not allowed in a path");
        }

        errors.RequireRange("BusyTimeout", storage.BusyTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }
}
