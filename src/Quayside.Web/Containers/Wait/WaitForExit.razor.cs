using Microsoft.AspNetCore.Components;
using Quayside.Engine.Containers;

namespace Quayside.Web.Containers.Wait;

public partial class WaitForExit : IDisposable
{
    private CancellationTokenSource? _wait;
    private bool _waiting;
    private WaitResult? _result;

    private ContainerWait Waiter => HostService<ContainerWait>();

    [Parameter, EditorRequired] public ContainerSummary Container { get; set; } = default!;

    private void Start()
    {
        _wait?.Dispose();
        _wait = new CancellationTokenSource();
        _waiting = true;
        _result = null;
        // Not awaited by the click: the wait lasts as long as the container runs, and ends with the component.
        _ = WaitAsync(Container.Id, _wait.Token);
    }

    private async Task WaitAsync(string id, CancellationToken ct)
    {
        try
        {
            var result = await Waiter.WaitAsync(id, ct);
            await InvokeAsync(() =>
            {
                if (ct.IsCancellationRequested)
                    return; // stopped waiting meanwhile
                _result = result;
                _waiting = false;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Cancel()
    {
        _wait?.Cancel();
        _waiting = false;
    }

    private void Dismiss() => _result = null;

    public void Dispose()
    {
        _wait?.Cancel();
        _wait?.Dispose();
    }
}
