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
        ValidateSecurity(errors.Section("Security"), options.Security);
        ValidateMonitor(errors.Section("Monitor"), options.Monitor);
        errors.Section("Audit").RequireRange("Retention", options.Audit.Retention, TimeSpan.FromDays(1), TimeSpan.FromDays(3650));
        ValidateLocalCluster(errors.Section("Cluster").Section("Local"), options.Cluster.Local);
        DockerOptionsValidation.Validate(errors.Section("Cluster").Section("Docker"), options.Cluster.Docker);
        var apps = errors.Section("Apps");
        foreach (var (appName, app) in options.Apps)
        {
            ValidateApp(apps, appName, app);
        }

        ValidateEntryPointPorts(apps, options);
        return errors.ToResult();
    }

    private static void ValidateSecurity(ConfigurationErrors errors, SecurityOptions security)
    {
        errors.RequireRange("SessionLifetime", security.SessionLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
        errors.RequireRange("RevalidationInterval", security.RevalidationInterval, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
        errors.RequireRange("SetupTokenLifetime", security.SetupTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        errors.RequireRange("SignInRequestsPerMinute", security.SignInRequestsPerMinute, 1, 10_000);
        errors.RequireRange("ApiRequestsPerMinute", security.ApiRequestsPerMinute, 1, 1_000_000);
        var passwords = errors.Section("Passwords");
        passwords.RequireRange("MinimumLength", security.Passwords.MinimumLength, 8, 128);
        passwords.RequireRange("MinimumUniqueCharacters", security.Passwords.MinimumUniqueCharacters, 1, 64);
        var lockout = errors.Section("Lockout");
        lockout.RequireRange("MaxFailedAttempts", security.Lockout.MaxFailedAttempts, 1, 100);
        lockout.RequireRange("Duration", security.Lockout.Duration, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));

        var seed = errors.Section("SeedAdmin");
        var hasName = !string.IsNullOrWhiteSpace(security.SeedAdmin.UserName);
        var hasPassword = !string.IsNullOrEmpty(security.SeedAdmin.Password);
        if (hasName != hasPassword)
        {
            seed.Add(hasName ? "Password" : "UserName", "is needed too: a seeded Admin takes both a user name and a password (give the password through the environment)");
        }
        else if (hasPassword && security.SeedAdmin.Password!.Length < security.Passwords.MinimumLength)
        {
            seed.Add("Password", $"must have at least {security.Passwords.MinimumLength} characters");
        }

        var oidc = security.OpenIdConnect;
        if (!oidc.Enabled)
        {
            return;
        }

        var sso = errors.Section("OpenIdConnect");
        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https"))
        {
            sso.Add("Authority", "must be the provider's absolute issuer URL, e.g. https://login.example.com/realms/ops");
        }
        else if (oidc.RequireHttpsMetadata && authority.Scheme != "https")
        {
            sso.Add("Authority", "must use https (or set RequireHttpsMetadata to false for a test provider)");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            sso.Add("ClientId", "is required when single sign-on is enabled");
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            sso.Add("RoleClaim", "must name the claim that carries roles or groups, e.g. roles");
        }

        foreach (var (claim, role) in oidc.RoleMap)
        {
            if (Security.DashboardRoles.Parse(role) is null)
            {
                sso.Section("RoleMap").Add(claim, $"must map to Viewer, Operator or Admin (was '{role}')");
            }
        }

        if (oidc.DefaultRole is { Length: > 0 } defaultRole && Security.DashboardRoles.Parse(defaultRole) is null)
        {
            sso.Add("DefaultRole", $"must be Viewer, Operator, Admin or empty (was '{defaultRole}')");
        }
    }

    private static void ValidateMonitor(ConfigurationErrors errors, MonitorOptions monitor)
    {
        errors.RequireRange("MaxConcurrentProbes", monitor.MaxConcurrentProbes, 1, 4096);
        errors.RequireRange("StallFactor", monitor.StallFactor, 2, 1000);
        errors.RequireRange("ContentionFactor", monitor.ContentionFactor, 1.5, 1000);
        errors.RequireRange("ContentionFloor", monitor.ContentionFloor, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        var samples = errors.Section("Samples");
        samples.RequireRange("Interval", monitor.Samples.Interval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        samples.RequireRange("RawRetention", monitor.Samples.RawRetention, TimeSpan.FromMinutes(10), TimeSpan.FromDays(30));
        samples.RequireRange("MinuteRetention", monitor.Samples.MinuteRetention, TimeSpan.FromHours(1), TimeSpan.FromDays(3650));
        samples.RequireRange("FindingRetention", monitor.Samples.FindingRetention, TimeSpan.FromDays(1), TimeSpan.FromDays(3650));
        if (monitor.Samples.MinuteRetention < monitor.Samples.RawRetention)
        {
            samples.Add("MinuteRetention", $"must be at least RawRetention {monitor.Samples.RawRetention} (was {monitor.Samples.MinuteRetention})");
        }
    }

    private static void ValidateLocalCluster(ConfigurationErrors errors, LocalClusterOptions local)
    {
        if (string.IsNullOrWhiteSpace(local.StateDirectory))
        {
            errors.Add("StateDirectory", "must name a folder, e.g. data/cluster");
        }

        if (!System.Net.IPAddress.TryParse(local.BindAddress, out _))
        {
            errors.Add("BindAddress", $"must be an IP address (was '{local.BindAddress}')");
        }

        errors.RequireRange("PortRangeStart", local.PortRangeStart, 1024, 65535);
        errors.RequireRange("PortRangeEnd", local.PortRangeEnd, 1024, 65535);
        if (local.PortRangeEnd - local.PortRangeStart < 31)
        {
            errors.Add("PortRangeEnd", $"must leave at least 32 ports after PortRangeStart (range was {local.PortRangeStart}-{local.PortRangeEnd})");
        }

        errors.RequireRange("StopTimeout", local.StopTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        errors.RequireRange("StartTimeout", local.StartTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }

    private static void ValidateApp(ConfigurationErrors apps, string name, AppOptions app)
    {
        var errors = apps.Section(name);
        if (!AppCatalog.IsValidAppName(name))
        {
            apps.Add(name, "an app name must be 1-40 lowercase letters, digits or '-', starting with a letter (like my-app)");
        }

        if (!Enum.TryParse<Topology.ProviderKind>(app.Provider, ignoreCase: true, out var provider) || !AppCatalog.SupportedProviders.Contains(provider))
        {
            errors.Add("Provider", $"must be one of {string.Join(", ", AppCatalog.SupportedProviders)} (was '{app.Provider}')");
            return;
        }

        errors.RequireRange("ChainId", app.ChainId, 1L, 4_503_599_627_370_495L);
        if (provider == Topology.ProviderKind.Watched)
        {
            ValidateWatchedApp(errors, app);
            return;
        }

        if (app.Nodes.Count > 0)
        {
            errors.Add("Nodes", $"only a Watched app lists its nodes; a {app.Provider} app lists Components");
        }

        var components = errors.Section("Components");
        if (app.Components.Count == 0)
        {
            errors.Add("Components", "must list at least one component (blockchain, validator, agreement, ipfs)");
        }

        var validators = 0;
        foreach (var (componentName, component) in app.Components)
        {
            var section = components.Section(componentName);
            if (!AppCatalog.IsValidAppName(componentName))
            {
                components.Add(componentName, "a component name must be 1-40 lowercase letters, digits or '-', starting with a letter");
            }

            if (AppCatalog.ResolveRole(componentName, component.Role) is not { } role)
            {
                section.Add("Role", $"must be blockchain, validator, agreement or ipfs (was '{component.Role ?? componentName}')");
            }
            else if (role == Topology.ComponentRole.Validator)
            {
                validators += component.Replicas;
            }

            section.RequireRange("Replicas", component.Replicas, 0, AppCatalog.MaxReplicas);
        }

        var followers = app.Components.Where(c => AppCatalog.ResolveRole(c.Key, c.Value.Role) == Topology.ComponentRole.Blockchain).Sum(c => c.Value.Replicas);
        if (followers > 0 && validators == 0)
        {
            errors.Add("Components", $"the {followers} blockchain replica(s) need at least one validator replica to follow");
        }

        var consensus = errors.Section("Consensus");
        if (app.Consensus.Quorum is { } quorum && (quorum < 1 || quorum > Math.Max(validators, 1)))
        {
            consensus.Add("Quorum", $"must be between 1 and the {validators} validator replicas (was {quorum})");
        }

        consensus.RequireRange("BlockConfirmations", app.Consensus.BlockConfirmations, 1, 10_000);
        consensus.RequireRange("BlockTime", app.Consensus.BlockTime, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10));
        if (app.Consensus.Timeout <= app.Consensus.BlockTime)
        {
            consensus.Add("Timeout", $"must be longer than BlockTime {app.Consensus.BlockTime} (was {app.Consensus.Timeout}), or every proposer is skipped");
        }

        ValidateHealthChecks(errors.Section("HealthChecks"), app.HealthChecks);

        var entry = errors.Section("EntryPoint");
        if (!System.Net.IPAddress.TryParse(app.EntryPoint.Address, out _))
        {
            entry.Add("Address", $"must be an IP address (was '{app.EntryPoint.Address}')");
        }

        entry.RequireRange("Port", app.EntryPoint.Port, 0, 65535);
    }

    private static void ValidateWatchedApp(ConfigurationErrors errors, AppOptions app)
    {
        if (app.Components.Count > 0)
        {
            errors.Add("Components", "a Watched app's components follow from its Nodes: list nodes with a Component each instead");
        }

        if (app.Nodes.Count == 0)
        {
            errors.Add("Nodes", "a Watched app needs at least one node, e.g. Nodes:rpc-1:Url = http://10.0.0.5:8545");
        }

        var nodes = errors.Section("Nodes");
        foreach (var (name, node) in app.Nodes)
        {
            var section = nodes.Section(name);
            if (!AppCatalog.IsValidAppName(name))
            {
                nodes.Add(name, "a node name must be 1-40 lowercase letters, digits or '-', starting with a letter");
            }

            if (Clusters.Watched.WatchedNode.CheckUrl(node.Url, out _) is { } problem)
            {
                section.Add("Url", problem);
            }

            if (AppCatalog.ResolveRole(node.Component, null) is null)
            {
                section.Add("Component", $"must be blockchain, validator, agreement or ipfs (was '{node.Component}')");
            }
        }

        ValidateHealthChecks(errors.Section("HealthChecks"), app.HealthChecks);
    }

    private static void ValidateHealthChecks(ConfigurationErrors health, NodeHealthCheckOptions checks)
    {
        health.RequireRange("Interval", checks.Interval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        health.RequireRange("Retries", checks.Retries, 0, 10);
        if (checks.Timeout <= TimeSpan.Zero || checks.Timeout >= checks.Interval)
        {
            health.Add("Timeout", $"must be more than zero and less than Interval {checks.Interval} (was {checks.Timeout})");
        }
    }

    private static void ValidateEntryPointPorts(ConfigurationErrors apps, DashboardOptions options)
    {
        var taken = options.Apps.Where(a => a.Value.EntryPoint.Enabled && a.Value.EntryPoint.Port != 0
                                            && (string.Equals(a.Value.Provider, nameof(Topology.ProviderKind.Local), StringComparison.OrdinalIgnoreCase)
                                                || string.Equals(a.Value.Provider, nameof(Topology.ProviderKind.Docker), StringComparison.OrdinalIgnoreCase)))
            .GroupBy(a => a.Value.EntryPoint.Port)
            .Where(g => g.Count() > 1);
        foreach (var group in taken)
        {
            foreach (var (name, _) in group.Skip(1))
            {
                apps.Section(name).Section("EntryPoint").Add("Port", $"{group.Key} is already the entry point of {group.First().Key}");
            }
        }
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
