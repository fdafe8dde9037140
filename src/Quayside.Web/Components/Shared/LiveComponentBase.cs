using Microsoft.AspNetCore.Components;
using Quayside.Engine.Model;

namespace Quayside.Web.Components.Shared;

/// <summary>
/// A component that re-renders when the engine's host model changes, at most every <see cref="MinInterval"/>,
/// so a burst of engine events becomes one render.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(150);
    private int _renderPending;

    [Inject] protected HostModel Model { get; set; } = default!;

    protected override void OnInitialized() => Model.Changed += OnModelChanged;

    private void OnModelChanged()
    {
        if (Interlocked.Exchange(ref _renderPending, 1) == 1)
            return;
        _ = Task.Delay(MinInterval).ContinueWith(_ =>
        {
            Volatile.Write(ref _renderPending, 0);
            return InvokeAsync(StateHasChanged);
        }, TaskScheduler.Default);
    }

    public virtual void Dispose()
    {
        Model.Changed -= OnModelChanged;
        GC.SuppressFinalize(this);
    }
}
