using Microsoft.AspNetCore.Components;
using Quayside.Web.Pulls;

namespace Quayside.Web.Pulls;

public partial class PullsPanel
{
    /// <summary>A finished pull stays this long, so its outcome can be read, then leaves the panel (it covers page content).</summary>
    public static readonly TimeSpan ShowFinishedFor = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource _gone = new();
    private readonly HashSet<string> _dismissed = [];
    private List<PullJob> _visible = [];

    private PullService Pulls => HostService<PullService>();

    protected override void OnInitialized()
    {
        Refresh();
        Pulls.Changed += OnChanged;
    }

    // A job's progress is rendered by its PullProgressView; the panel only re-renders when the set of jobs or their end changes.
    private void OnChanged(PullJob job)
    {
        if (job.Finished || !_visible.Contains(job))
            _ = RefreshAsync();
        if (job.Finished)
            _ = Task.Delay(ShowFinishedFor + TimeSpan.FromMilliseconds(200), _gone.Token).ContinueWith(_ => RefreshAsync(), TaskScheduler.Default);
    }

    private Task RefreshAsync() => _gone.IsCancellationRequested ? Task.CompletedTask : InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private void Refresh()
    {
        var since = DateTimeOffset.UtcNow - ShowFinishedFor;
        _visible = Pulls.Jobs.Where(j => !_dismissed.Contains(j.Id) && (!j.Finished || j.FinishedAt > since)).Take(8).ToList();
    }

    private void DismissFinished()
    {
        foreach (var job in _visible.Where(j => j.Finished))
            _dismissed.Add(job.Id);
        Refresh();
    }

    public void Dispose()
    {
        Pulls.Changed -= OnChanged;
        _gone.Cancel();
        _gone.Dispose();
        GC.SuppressFinalize(this);
    }
}
