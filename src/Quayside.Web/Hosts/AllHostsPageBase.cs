using Microsoft.AspNetCore.Components;
using Quayside.Engine.Hosts;
using Quayside.Engine.Model;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Hosts;

/// <summary>
/// A page over every host: it re-renders when any host's model changes (throttled, so bursts on many hosts become one
/// render), and when a host is added or removed.
/// </summary>
public abstract class AllHostsPageBase : ComponentBase, IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);
    private readonly List<HostModel> _watched = [];
    private RenderThrottle? _throttle;

    [Inject] protected HostRegistry Registry { get; set; } = default!;

    protected IReadOnlyList<EngineHost> Hosts => Registry.All;

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(MinInterval, () => InvokeAsync(StateHasChanged));
        Registry.Changed += OnHostsChanged;
        Watch();
    }

    private void OnHostsChanged()
    {
        Watch();
        _throttle?.Changed();
    }

    private void Watch()
    {
        lock (_watched)
        {
            foreach (var model in _watched)
                model.Changed -= OnModelChanged;
            _watched.Clear();
            _watched.AddRange(Registry.All.Select(h => h.Model));
            foreach (var model in _watched)
                model.Changed += OnModelChanged;
        }
    }

    private void OnModelChanged() => _throttle?.Changed();

    public virtual void Dispose()
    {
        Registry.Changed -= OnHostsChanged;
        lock (_watched)
        {
            foreach (var model in _watched)
                model.Changed -= OnModelChanged;
            _watched.Clear();
        }
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }
}
