using Microsoft.AspNetCore.Components;
using Quayside.Engine.DockerSystem;
using Quayside.Engine.Errors;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.DockerSystem;

/// <summary>
/// The home page. Counts come live from the model; the engine's own facts from <c>/info</c>, read again after model
/// changes (its image count includes intermediate layers, which the model does not list), at most once a second.
/// </summary>
public partial class Overview : LiveComponentBase
{
    private static readonly TimeSpan InfoInterval = TimeSpan.FromSeconds(1);
    private EngineInfo? _info;
    private string? _error;
    private int _reloadPending;

    private SystemActions Daemon => HostService<SystemActions>();

    protected override async Task OnInitializedAsync()
    {
        Model.Changed += ScheduleInfoReload;
        await ReadInfoAsync();
    }

    private void ScheduleInfoReload()
    {
        if (Interlocked.Exchange(ref _reloadPending, 1) == 1)
            return;
        _ = Task.Delay(InfoInterval).ContinueWith(_ => InvokeAsync(async () =>
        {
            Volatile.Write(ref _reloadPending, 0);
            await ReadInfoAsync();
            StateHasChanged();
        }), TaskScheduler.Default);
    }

    private async Task ReadInfoAsync()
    {
        try
        {
            _info = await Daemon.InfoAsync();
            _error = null;
        }
        catch (Exception e)
        {
            _error = EngineErrorTranslator.Translate(e, Model.Client.Endpoint).ToString();
        }
    }

    public override void Dispose()
    {
        Model.Changed -= ScheduleInfoReload;
        base.Dispose();
    }
}
