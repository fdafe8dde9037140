using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Quayside.Engine.Hosts;
using Quayside.Engine.Model;

namespace Quayside.Web.Components.Shared;

/// <summary>
/// A component that re-renders when the engine's host model changes, at most every <see cref="MinInterval"/>,
/// so a burst of engine events becomes one render.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(150);
    private RenderThrottle? _throttle;
    private bool _listening;

    [Inject] private HostModel DefaultModel { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IServiceProvider AppServices { get; set; } = default!;

    /// <summary>The host the page is on (from its address); the default host where none is cascaded.</summary>
    [CascadingParameter] public EngineHost? Host { get; set; }

    /// <summary>The host's name in a /hosts/{HostName}/... route; the page's host comes from <see cref="Host"/>.</summary>
    [Parameter] public string? HostName { get; set; }

    /// <summary>Whether the page is on the default host (the pages of a container's details are there only, so far).</summary>
    protected bool OnDefaultHost => Host is null || Host.IsDefault;

    /// <summary>The live model of the page's host.</summary>
    protected HostModel Model { get; private set; } = default!;

    /// <summary>The page's host's instance of an engine service.</summary>
    protected T HostService<T>() where T : class => Host is { } host ? host.Get<T>() : AppServices.GetRequiredService<T>();

    // Subscribed here, once per component and host, rather than in OnInitialized: subclasses override (or call) that
    // freely, and a second subscription left a handler on the app-wide model after every visit.
    public override Task SetParametersAsync(ParameterView parameters)
    {
        var model = parameters.TryGetValue<EngineHost?>(nameof(Host), out var host) && host is not null ? host.Model : DefaultModel;
        if (host is null && parameters.TryGetValue<string>(nameof(HostName), out var named) && named is not null)
            Navigation.NotFound();
        if (!ReferenceEquals(model, Model))
        {
            if (_listening)
                Model.Changed -= OnModelChanged;
            _throttle ??= new RenderThrottle(MinInterval, () => InvokeAsync(StateHasChanged));
            Model = model;
            Model.Changed += OnModelChanged;
            _listening = true;
        }
        return base.SetParametersAsync(parameters);
    }

    private void OnModelChanged() => _throttle?.Changed();

    public virtual void Dispose()
    {
        if (_listening)
            Model.Changed -= OnModelChanged;
        _throttle?.Dispose();
        _listening = false;
        GC.SuppressFinalize(this);
    }
}
