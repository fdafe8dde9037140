using Quayside.Engine.Actions;
using Quayside.Engine.Hosts;
using Quayside.Engine.Model;

namespace Quayside.Web.Api;

/// <summary>
/// The host an API call is on: the default host under /api/..., the named one under /api/hosts/{host}/...
/// Endpoints take it as a parameter and reach that host's model and services through it.
/// </summary>
public sealed class OnHost(EngineHost? host)
{
    /// <summary>The host; an address naming no host never reaches a handler (<see cref="KnownHostFilter"/> answers 404 first).</summary>
    public EngineHost Host => host ?? throw new InvalidOperationException("The address names no host.");
    public HostModel Model => Host.Model;

    public T Get<T>() where T : class => Host.Get<T>();

    /// <summary>A CLI line said for this host.</summary>
    public string Cli(string line) => Host.Cli(line);

    /// <summary>An outcome whose CLI line is said for this host.</summary>
    public ActionOutcome Said(ActionOutcome outcome) => outcome with { Cli = Host.Cli(outcome.Cli) };

    public static ValueTask<OnHost?> BindAsync(HttpContext context)
    {
        var registry = context.RequestServices.GetRequiredService<HostRegistry>();
        return ValueTask.FromResult<OnHost?>(new OnHost(registry.Find(context.GetRouteValue("host") as string)));
    }
}

/// <summary>Answers 404 in words when /api/hosts/{host}/... names no host.</summary>
public sealed class KnownHostFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var name = context.HttpContext.GetRouteValue("host") as string;
        if (name is not null && context.HttpContext.RequestServices.GetRequiredService<HostRegistry>().Find(name) is null)
            return ValueTask.FromResult<object?>(Results.Problem(statusCode: 404, title: $"There is no host named '{name}'",
                detail: "GET /api/hosts lists the hosts; add one on the Hosts page."));
        return next(context);
    }
}
