using Microsoft.AspNetCore.Components;
using Quayside.Web.Pulls;

namespace Quayside.Web.Components.Pages.Pulls;

public partial class PullsPanel
{
    private readonly HashSet<string> _dismissed = [];
    private List<PullJob> _visible = [];

    [Inject] private PullService Pulls { get; set; } = default!;

    protected override void OnInitialized()
    {
        Refresh();
        Pulls.Changed += OnChanged;
    }

    // A job's progress is rendered by its PullProgressView; the panel only re-renders when the set of jobs or their end changes.
    private void OnChanged(PullJob job)
    {
        if (job.Finished || !_visible.Contains(job))
            _ = InvokeAsync(() =>
            {
                Refresh();
                StateHasChanged();
            });
    }

    private void Refresh() => _visible = Pulls.Jobs.Where(j => !_dismissed.Contains(j.Id)).Take(8).ToList();

    private void DismissFinished()
    {
        foreach (var job in _visible.Where(j => j.Finished))
            _dismissed.Add(job.Id);
        Refresh();
    }

    public void Dispose()
    {
        Pulls.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }
}
