using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Engine.Cli;
using Quayside.Engine.Containers;
using Quayside.Engine.Errors;
using Quayside.Engine.Consoles;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Consoles;

public sealed partial class ConsolePanel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IJSObjectReference? _module;
    private DotNetObjectReference<ConsolePanel>? _self;
    private ElementReference _box, _options;
    private Task _shellLookup = Task.CompletedTask;
    private string? _defaultShell;
    private bool _attach;
    private string _command = "", _user = "", _workdir = "", _env = "";
    private Choice? _session;
    private IReadOnlyList<string> _problems = [];
    private string _status = "Connecting…";
    private bool _ended, _offerBusybox, _disposed;
    private string? _busyboxProblem;
    private ConfirmRequest? _confirm;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    private ConsoleService Consoles => HostService<ConsoleService>();
    [Inject] private BusyboxFiles Busybox { get; set; } = default!;

    [Parameter, EditorRequired] public ContainerSummary Container { get; set; } = default!;

    /// <summary>The page holding only the terminal: no options panel, no CLI line.</summary>
    [Parameter] public bool Standalone { get; set; }

    /// <summary>The choices as the options panel holds them now (applied or not).</summary>
    private Choice Form => new(_attach, _command, _user, _workdir, _env);

    private ExecRequest Request(Choice c) => new(
        string.IsNullOrWhiteSpace(c.Command) ? _defaultShell ?? "/bin/sh" : c.Command.Trim(),
        NullIfBlank(c.User), NullIfBlank(c.WorkingDir), ExecRequest.ParseEnv(c.Env));

    private string Cli(Choice c) => c.Attach ? DockerCli.Attach(Container.Name) : DockerCli.Exec(Container.Name, Request(c));

    protected override void OnInitialized() => _shellLookup = FindShellAsync();

    private async Task FindShellAsync()
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
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Consoles/ConsolePanel.razor.js");
        if (await _module.InvokeAsync<string?>("recall", Container.Id) is { } saved)
            Show(JsonSerializer.Deserialize<Choice>(saved, Json));
        // The default command is the container's first shell, so the lookup has to finish before the first connection.
        await _shellLookup;
        if (!await ConnectAsync(Form) && !_disposed)
        {
            _status = Standalone
                ? $"Not connected: the options remembered for this container have a problem. {string.Join(" ", _problems)} Correct them under Options on the container's Console tab."
                : "Not connected: the options remembered for this container have a problem. Correct them under Options, then apply.";
            if (!Standalone)
                await _module.InvokeVoidAsync("reveal", _options);
        }
        StateHasChanged();
    }

    /// <summary>The options panel's button: the session so far is replaced only when the new choices are valid.</summary>
    private Task ApplyAsync() => ConnectAsync(Form);

    private Task ReconnectAsync() => ConnectAsync(_session ?? Form);

    private async Task<bool> ConnectAsync(Choice choice)
    {
        if (_module is null || _disposed)
            return false;
        _problems = choice.Attach ? [] : Request(choice).Validate();
        if (_problems.Count > 0)
            return false;
        _busyboxProblem = null;
        _offerBusybox = false;
        _ended = false;
        _session = choice;
        await _module.InvokeVoidAsync("remember", Container.Id, JsonSerializer.Serialize(choice, Json));
        _status = $"Connecting: {Cli(choice)}";
        await _module.InvokeVoidAsync("open", _box, SocketPath(choice), _self);
        return true;
    }

    private string SocketPath(Choice choice)
    {
        var path = ApiHref($"/ws/exec/{Uri.EscapeDataString(Container.Id)}");
        if (choice.Attach)
            return path + "/attach";
        return path + "?" + Request(choice).ToQueryString();
    }

    [JSInvokable]
    public Task OnStarted() => InvokeAsync(() =>
    {
        _status = $"Connected: {Cli(_session ?? Form)}";
        StateHasChanged();
    });

    [JSInvokable]
    public Task OnEnded(ConsoleEndMessage end) => InvokeAsync(async () =>
    {
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
        await ConnectAsync(Form);
    }

    private void Show(Choice? saved)
    {
        if (saved is null)
            return;
        (_attach, _command, _user, _workdir, _env) = (saved.Attach, saved.Command ?? "", saved.User ?? "", saved.WorkingDir ?? "", saved.Env ?? "");
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public async ValueTask DisposeAsync()
    {
        _disposed = true; // a connection still waiting for the shell lookup must not open a terminal nobody sees
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

    /// <summary>What a console runs; remembered in the browser as JSON (the names are those stored before this record).</summary>
    private sealed record Choice(bool Attach, string? Command, string? User, string? WorkingDir, string? Env);
}

/// <summary>The end of a console session as the terminal's script reports it.</summary>
public sealed record ConsoleEndMessage(string Message, int? ExitCode, bool NotFound, bool NoShell, bool Detached, bool Error, bool Lost);
