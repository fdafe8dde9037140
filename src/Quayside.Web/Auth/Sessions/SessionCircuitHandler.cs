using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Quayside.Web.Auth.Sessions;

/// <summary>What the user does in a page (clicks, typing: the circuit's inbound activity) keeps their session from going idle.</summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider auth, SessionStore sessions) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if ((await auth.GetAuthenticationStateAsync()).User.FindFirstValue(SessionStore.ClaimType) is { } id)
                sessions.Touch(id);
            await next(context);
        };
}
