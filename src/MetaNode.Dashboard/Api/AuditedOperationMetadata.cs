using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// Marks a mutating endpoint with the operation it runs, so that a caller refused by the endpoint's
/// policy (before the engine is reached) is still written to the audit log as denied.
/// </summary>
/// <param name="Action">The audit action, as the engine records it (<c>watched-node.add</c>).</param>
/// <param name="Target">The target, with route values in braces (<c>{app}/{name}</c>).</param>
/// <param name="Required">The role the endpoint's policy demands.</param>
internal sealed record AuditedOperationMetadata(string Action, string Target, DashboardRole Required)
{
    /// <summary>The target with the request's route values filled in.</summary>
    public string TargetOf(HttpContext context)
    {
        var target = Target;
        foreach (var (key, value) in context.Request.RouteValues)
        {
            target = target.Replace("{" + key + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return target;
    }
}
