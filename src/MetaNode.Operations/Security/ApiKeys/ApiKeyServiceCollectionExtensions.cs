using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Security.ApiKeys;

/// <summary>Registers the API key service.</summary>
public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ApiKeyService"/> (needs the store, the audit gate and the app catalog).</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyService>();
        return services;
    }
}
