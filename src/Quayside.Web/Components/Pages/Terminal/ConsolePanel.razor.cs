using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.Errors;
using Quayside.Engine.Exec;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Components.Pages.Terminal;

public sealed partial class ConsolePanel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IJSObjectReference? _module;
    private DotNetObjectReference<ConsolePanel>? _self;
    private ElementReference _box;
    private string? _defaultShell;
    private bool _attach;
    private string _command = "", _user = "", _workdir = "", _env = "";
    private IReadOnlyList<string> _problems = [];
    private string _status = "Not connected.";
    private bool _running, _ended, _offerBusybox;
    private string? _busyboxProblem;
    private ConfirmRequest? _confirm;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ConsoleService Consoles { get; set; } = default!;
    [Inject] private BusyboxFiles Busybox { get; set; } = default!;

    [Parameter, EditorRequired] public ContainerSummary Container { get; set; } = default!;

    /// <summary>The page holding only the terminal: no form; it connects at once with the remembered or default choices.</summary>
    [Parameter] public bool Standalone { get; set; }

    private ExecRequest Request => new(
        string.IsNullOrWhiteSpace(_command) ? _defaultShell ?? "/bin/sh" : _command.Trim(),
        NullIfBlank(_user), NullIfBlank(_workdir), ExecRequest.ParseEnv(_env));

    private string Cli => _attach ? DockerCli.Attach(Container.Name) : DockerCli.Exec(Container.Name, Request);

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _defaultShell = await Consoles.FindShellAsync(Container.Id, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _status = EngineErrorTranslator.Translate(e, Consoles.Client.Endpoint).ToString();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/console.js");
        if (await _module.InvokeAsync<string?>("recall", Container.Id) is { } saved)
            Apply(JsonSerializer.Deserialize<Remembered>(saved, Json));
        if (Standalone)
            await ConnectAsync();
        StateHasChanged();
    }

    private async Task ConnectAsync()
    {
        if (_module is null)
            return;
        _problems = _attach ? [] : Request.Validate();
        if (_problems.Count > 0)
            return;
        _busyboxProblem = null;
        _offerBusybox = false;
        _ended = false;
        await _module.InvokeVoidAsync("remember", Container.Id, JsonSerializer.Serialize(new Remembered(_attach, _command, _user, _workdir, _env), Json));
        _status = $"Connecting: {Cli}";
        _running = true;
        await _module.InvokeVoidAsync("open", _box, SocketPath(), _self);
    }

    private string SocketPath()
    {
        var path = $"/ws/exec/{Uri.EscapeDataString(Container.Id)}";
        if (_attach)
            return path + "/attach";
        var r = Request;
        var query = new List<string> { "cmd=" + Uri.EscapeDataString(r.Command) };
        if (r.User is not null)
            query.Add("user=" + Uri.EscapeDataString(r.User));
        if (r.WorkingDir is not null)
            query.Add("workdir=" + Uri.EscapeDataString(r.WorkingDir));
        query.AddRange(r.EnvOrEmpty.Select(e => "env=" + Uri.EscapeDataString(e)));
        return path + "?" + string.Join('&', query);
    }

    [JSInvokable]
    public Task OnStarted() => InvokeAsync(() =>
    {
        _status = $"Connected: {Cli}";
        StateHasChanged();
    });

    [JSInvokable]
    public Task OnEnded(ConsoleEndMessage end) => InvokeAsync(async () =>
    {
        _running = false;
        _ended = true;
        _status = end.Message;
        if (end.NoShell)
            await OfferBusyboxAsync();
        StateHasChanged();
    });

    private async Task OfferBusyboxAsync()
    {
        try
        {
            var arch = await Consoles.ArchitectureAsync(Container.Id, CancellationToken.None);
            if (BusyboxFiles.Architectures.Contains(arch))
                _offerBusybox = true;
            else
                _busyboxProblem = $"Quayside cannot copy a shell into it: the image is built for {(arch.Length == 0 ? "an unknown architecture" : arch)}, and Quayside carries a static shell only for {string.Join(" and ", BusyboxFiles.Architectures)}.";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _busyboxProblem = EngineErrorTranslator.Translate(e, Consoles.Client.Endpoint).ToString();
        }
    }

    private async Task AskCopyBusybox()
    {
        var arch = await Consoles.ArchitectureAsync(Container.Id, CancellationToken.None);
        var file = Busybox.PathFor(arch);
        _confirm = new ConfirmRequest(
            "Copy a shell into the container?",
            $"This changes the container's filesystem: Quayside adds these files to {Container.Name} (they stay until the container is removed, and its diff shows them), then starts {ConsoleService.QuaysideShell}.",
            [$"{ConsoleService.QuaysideDir}/busybox (Debian's static busybox for {arch})", $"{ConsoleService.QuaysideShell} (a link to busybox)"],
            "Copy and connect",
            CopyBusyboxAsync) { Cli = DockerCli.CopyBusybox(Container.Name, file) };
    }

    private async Task CopyBusyboxAsync()
    {
        try
        {
            await Consoles.InstallBusyboxAsync(Container.Id, Busybox, CancellationToken.None);
        }
        catch (BusyboxUnavailableException e)
        {
            _busyboxProblem = e.Message;
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _busyboxProblem = EngineErrorTranslator.Translate(e, Consoles.Client.Endpoint).ToString();
            return;
        }
        _defaultShell = ConsoleService.QuaysideShell;
        _attach = false;
        _command = ConsoleService.QuaysideShell;
        await ConnectAsync();
    }

    private async Task CloseConfirmAsync(bool confirmed)
    {
        var request = _confirm;
        _confirm = null;
        if (confirmed && request is not null)
            await request.OnConfirm();
    }

    private void Apply(Remembered? saved)
    {
        if (saved is null)
            return;
        (_attach, _command, _user, _workdir, _env) = (saved.Attach, saved.Command ?? "", saved.User ?? "", saved.WorkingDir ?? "", saved.Env ?? "");
    }

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("close", _box);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone; the server side ends the session when its socket drops.
            }
        }
        _self?.Dispose();
    }

    private sealed record Remembered(bool Attach, string? Command, string? User, string? WorkingDir, string? Env);
}

/// <summary>The end of a console session as the terminal's script reports it.</summary>
public sealed record ConsoleEndMessage(string Message, int? ExitCode, bool NotFound, bool NoShell, bool Detached, bool Error, bool Lost);
