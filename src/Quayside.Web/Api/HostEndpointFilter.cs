using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Api;

public static class HttpContextHosts
{
    /// <summary>The host a request is on: the {host} of its route, or the default host; null when the route names no host.</summary>
    public static EngineHost? EngineHost(this HttpContext context) =>
        context.RequestServices.GetRequiredService<HostRegistry>().Find(context.GetRouteValue("host") as string);

    /// <summary>The request's host's instance of an engine service.</summary>
    public static T HostService<T>(this HttpContext context) where T : class =>
        (context.EngineHost() ?? throw new InvalidOperationException("The address names no host.")).Get<T>();
}

/// <summary>
/// The routes under /api/hosts/{host}/...: a host that does not exist is a 404 in words; every engine service a handler
/// takes (ContainerActions, HostModel, ...) is that host's, not the default host's; and every CLI line in the answer
/// (<c>cli</c>, <c>pullCli</c>, ...) is said for that host, as the user would type it.
/// </summary>
public sealed class HostEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var name = http.GetRouteValue("host") as string;
        if (http.EngineHost() is not { } host)
            return Results.Problem(statusCode: 404, title: $"There is no host named '{name}'",
                detail: "GET /api/hosts lists the hosts; add one on the Hosts page.");
        if (host.IsDefault)
            return await next(context);
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (context.Arguments[i] is { } argument && Quayside.Engine.Hosts.EngineHost.IsHostBound(argument.GetType()))
                context.Arguments[i] = host.Resolve(argument.GetType());
        }
        var result = await next(context);
        return SaidOnHost(result, host, http);
    }

    private static object? SaidOnHost(object? result, EngineHost host, HttpContext http)
    {
        var (value, status) = result switch
        {
            IValueHttpResult { Value: not null and not Microsoft.AspNetCore.Mvc.ProblemDetails } v => (v.Value, (result as IStatusCodeHttpResult)?.StatusCode ?? 200),
            IResult => (null, 0),
            not null => (result, 200),
            _ => (null, 0),
        };
        if (value is null)
            return result;
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), options);
        return Rewrite(node, host) ? Results.Json(node, options, statusCode: status) : result;
    }

    private static bool Rewrite(JsonNode? node, EngineHost host)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    if (child is JsonValue v && v.TryGetValue<string>(out var line) && IsCliName(key) && (line.StartsWith("docker ", StringComparison.Ordinal) || line.StartsWith("docker-compose ", StringComparison.Ordinal)))
                    {
                        o[key] = host.Cli(line);
                        changed = true;
                    }
                    else
                        changed |= Rewrite(child, host);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                    changed |= Rewrite(child, host);
                break;
        }
        return changed;
    }

    private static bool IsCliName(string key) => key.Equals("cli", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Cli", StringComparison.Ordinal);
}
