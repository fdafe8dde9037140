using Microsoft.AspNetCore.Components;
using Quayside.Engine.Hosts;
using Quayside.Engine.Model;

namespace Quayside.Web.Components.Shared;

/// <summary>
/// A component that re-renders when the engine's host model changes, at most every <see cref="MinInterval"/>,
/// so a burst of engine events becomes one render.
/// </summary>
public abstract class LiveComponentBase : HostComponentBase, IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(150);
    private RenderThrottle? _throttle;
    private bool _listening;

    [Inject] private HostModel DefaultModel { get; set; } = default!;

    /// <summary>The live model of the page's host.</summary>
    protected HostModel Model { get; private set; } = default!;

    // Subscribed here, once per component and host, rather than in OnInitialized: subclasses override (or call) that
    // freely, and a second subscription left a handler on the app-wide model after every visit.
    public override Task SetParametersAsync(ParameterView parameters)
    {
        var model = parameters.TryGetValue<EngineHost?>(nameof(Host), out var host) && host is not null ? host.Model : DefaultModel;
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
