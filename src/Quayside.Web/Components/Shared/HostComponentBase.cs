using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Quayside.Engine.Hosts;
using Quayside.Web.Hosts;

namespace Quayside.Web.Components.Shared;

/// <summary>
/// A component on a host: the host comes from the page's address (cascaded by <see cref="HostScope"/>), and the
/// engine services and links it uses are that host's.
/// </summary>
public abstract class HostComponentBase : ComponentBase
{
    [Inject] private IServiceProvider AppServices { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The host's name in a /hosts/{HostName}/... route; the page's host comes from <see cref="Host"/>.</summary>
    [Parameter] public string? HostName { get; set; }

    /// <summary>The host the page is on (from its address); the default host where none is cascaded.</summary>
    [CascadingParameter] public EngineHost? Host { get; set; }

    /// <summary>Whether the page is on the default host.</summary>
    protected bool OnDefaultHost => Host is null || Host.IsDefault;

    /// <summary>The page's host's name.</summary>
    protected string HostNameOrDefault => Host?.Name ?? EngineHost.DefaultName;

    /// <summary>The page's host's instance of an engine service.</summary>
    protected T HostService<T>() where T : class => Host is { } host ? host.Get<T>() : AppServices.GetRequiredService<T>();

    /// <summary>A page address on this page's host: <c>/containers/x</c> stays short on the default host, and is <c>/hosts/h/containers/x</c> on h.</summary>
    protected string Href(string path) => HostLinks.On(HostNameOrDefault, path);

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (!(parameters.TryGetValue<EngineHost?>(nameof(Host), out var host) && host is not null)
            && parameters.TryGetValue<string>(nameof(HostName), out var named) && named is not null)
            Navigation.NotFound();
        return base.SetParametersAsync(parameters);
    }

    /// <summary>An API or WebSocket address on this page's host: <c>/api/x</c> becomes <c>/api/hosts/h/x</c> on h.</summary>
    protected string ApiHref(string path) => HostLinks.Api(HostNameOrDefault, path);
}
