using System.Globalization;
using Microsoft.AspNetCore.Components;
using Quayside.Engine.Pulls;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Pulls;

/// <summary>Shows a <see cref="PullJob"/> live; re-renders at most every 150 ms however fast the engine reports.</summary>
public partial class PullProgressView
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(150);
    private PullJob? _subscribed;
    private PullSnapshot _snapshot = PullSnapshot.Starting;
    private RenderThrottle? _throttle;

    [Parameter, EditorRequired] public PullJob Job { get; set; } = default!;

    /// <summary>Only the overall bar and the outcome (for the pulls panel).</summary>
    [Parameter] public bool Compact { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_subscribed, Job))
            return;
        if (_subscribed is not null)
            _subscribed.Changed -= OnChanged;
        _subscribed = Job;
        _throttle ??= new RenderThrottle(MinInterval, () => InvokeAsync(ShowSnapshot));
        Job.Changed += OnChanged;
        _snapshot = Job.Snapshot;
    }

    private void OnChanged(PullJob job) => _throttle?.Changed(job.Finished ? TimeSpan.Zero : MinInterval);

    private void ShowSnapshot()
    {
        _snapshot = Job.Snapshot;
        StateHasChanged();
    }

    private string StateText => _snapshot.State switch
    {
        PullState.Running => $"{_snapshot.Overall * 100:0}%",
        PullState.Succeeded => "done",
        PullState.Failed => "failed",
        _ => "cancelled",
    };

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public void Dispose()
    {
        if (_subscribed is not null)
            _subscribed.Changed -= OnChanged;
        _throttle?.Dispose();
        GC.SuppressFinalize(this);
    }
}
