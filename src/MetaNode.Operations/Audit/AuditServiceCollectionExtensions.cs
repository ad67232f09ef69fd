using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Audit;

/// <summary>Registers the audit log, the operation gate and retention.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IAuditLog"/>, <see cref="OperationGate"/> and <see cref="AuditRetention"/>.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<OperationGate>();
        services.AddHostedService<AuditRetention>();
        return services;
    }
}
