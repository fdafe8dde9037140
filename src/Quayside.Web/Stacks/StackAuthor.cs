using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Quayside.Web.Stacks;

/// <summary>Who a stack's history says made a change: the logged-in user's name.</summary>
public static class StackAuthor
{
    public const string Unknown = "unknown";

    public static string Of(ClaimsPrincipal? user) => user?.Identity?.Name ?? Unknown;

    /// <summary>From a component's cascaded authentication state.</summary>
    public static string Of(Task<AuthenticationState>? state) =>
        state is { IsCompletedSuccessfully: true } s ? Of(s.Result.User) : Unknown;
}
