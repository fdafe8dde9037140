using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Engine.Actions;
using Quayside.Engine.Cli;
using Quayside.Engine.ImageArchives;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.ImageArchives;

public partial class LoadImage : HostComponentBase
{
    private bool _import, _running;
    private string _reference = "", _changes = "", _message = "";
    private string? _referenceError, _changesError;
    private IJSObjectReference? _module;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Quayside.Web.Api.UploadLimits Limits { get; set; } = default!;

    private ImportOptions ImportOptions => new(string.IsNullOrWhiteSpace(_reference) ? null : _reference.Trim(), ChangeRules.FromLines(_changes), _message);

    private string Cli => _import ? DockerCli.Import(ImportOptions) : DockerCli.Load();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/uploads.js");
    }

    private async Task StartAsync()
    {
        var url = ApiHref("/api/images/load");
        if (_import)
        {
            var options = ImportOptions;
            _referenceError = options.ReferenceProblem();
            _changesError = options.ChangesProblem();
            if (_referenceError is not null || _changesError is not null)
                return;
            url = ApiHref("/api/images/import") + "?" + string.Join('&', [
                .. options.Reference is null ? Array.Empty<string>() : ["reference=" + Uri.EscapeDataString(options.Reference)],
                .. options.Changes.Select(c => "changes=" + Uri.EscapeDataString(c)),
                "message=" + Uri.EscapeDataString(_message)]);
        }
        if (_module is null)
            return;
        _running = true;
        try
        {
            await _module.InvokeAsync<bool>("uploadTar", TimeSpan.FromHours(2), url, "transfer-file", "transfer-output", "transfer-status",
                new { bytes = Limits.ForImages.Bytes, tooLarge = Limits.ForImages.TooLarge });
        }
        finally
        {
            _running = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _module.DisposeQuietlyAsync();
        GC.SuppressFinalize(this);
    }
}
