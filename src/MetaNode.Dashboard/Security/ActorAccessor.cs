using System.Diagnostics;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace MetaNode.Dashboard.Security;

/// <summary>The actor at the keyboard of this circuit, for the services that authorize and audit.</summary>
public sealed class ActorAccessor(AuthenticationStateProvider authentication, ClientContext client)
{
    /// <summary>The signed-in user as an <see cref="Actor"/>, with a fresh correlation id.</summary>
    public async Task<Actor> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return DashboardClaims.ActorOf(state.User, client.Address, Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N"));
    }
}
