using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Engine.Containers;
using Quayside.Engine.Errors;
using Quayside.Engine.Inspect;

namespace Quayside.Web.Inspect;

/// <summary><c>docker top</c>, read again every <see cref="Interval"/> until the tab is left (the component disposed).</summary>
public partial class ContainerTopView
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stop = new();
    private ContainerProcesses? _processes;
    private string? _error;

    private Inspector Inspector => HostService<Inspector>();
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public ContainerSummary Container { get; set; } = default!;

    protected override void OnInitialized() => _ = RefreshLoopAsync(_stop.Token);

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                if (Container.State == "running" && !await BrowserTabHiddenAsync())
                    await ReadAsync(ct);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A browser tab in the background does not need the engine asked every 2 s.</summary>
    private async Task<bool> BrowserTabHiddenAsync()
    {
        try
        {
            return await JS.InvokeAsync<bool>("quayside.isHidden");
        }
        catch (Exception e) when (e is JSException or InvalidOperationException or JSDisconnectedException or TaskCanceledException)
        {
            return false; // prerendering, or the circuit is going away
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        try
        {
            _processes = await Inspector.ProcessesAsync(Container.Id, ct);
            _error = null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            _error = EngineErrorTranslator.Translate(e, Inspector.Client.Endpoint).ToString();
        }
        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
