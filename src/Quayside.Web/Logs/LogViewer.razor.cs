using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Web.Components.Shared;
using Quayside.Engine.Cli;
using Quayside.Engine.Logs;

namespace Quayside.Web.Logs;

/// <summary>A container shown in the viewer: the id the stream asks for and the name the CLI line and tags use.</summary>
public sealed record LogSource(string Id, string Name);

public partial class LogViewer : HostComponentBase
{
    private ElementReference _host;
    private IJSObjectReference? _module, _viewer;
    private string _tail = LogQuery.DefaultTail.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private string _since = "", _until = "";
    private bool _follow = true, _timestamps;
    private bool _tailError;
    private List<string> _problems = [];
    private LogQuery _query = new() { Follow = true };
    private string _openedKey = "";

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<LogSource> Containers { get; set; } = [];

    private string Cli => DockerCli.Logs(Containers.Select(c => c.Name).ToList(), _query);

    /// <summary>The options as checked last (shown only when they have no problem), without follow: a file ends.</summary>
    private string DownloadHref => ApiHref("/api/logs/download")[1..] + "?" + new LogsRequest(Ids, _query with { Follow = false }).ToQueryString();

    protected override void OnInitialized() => Check();

    protected override async Task OnParametersSetAsync()
    {
        // A merged view whose container list changed streams again.
        if (_viewer is not null && Key != _openedKey)
            await OpenAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Logs/LogViewer.razor.js");
        // Created and connected in one call: the first lines wait for one round trip less.
        _openedKey = Key;
        _viewer = await _module.InvokeAsync<IJSObjectReference>("create", _host, new { timestamps = _timestamps, merged = Containers.Count > 1 },
            Containers.Count == 0 ? null : StreamUrl);
    }

    private void Check()
    {
        _query = LogQuery.Parse(_follow, _tail, _since, _until, _timestamps, Clock.GetUtcNow(), out var problems);
        _problems = problems;
        _tailError = problems.Any(p => p.StartsWith("Tail", StringComparison.Ordinal));
    }

    private async Task ApplyAsync()
    {
        Check();
        if (_problems.Count == 0)
            await OpenAsync();
    }

    private async Task OpenAsync()
    {
        if (_viewer is null || Containers.Count == 0)
            return;
        _openedKey = Key;
        await _viewer.InvokeVoidAsync("open", StreamUrl);
    }

    private async Task TimestampsChangedAsync()
    {
        Check();
        if (_viewer is not null)
            await _viewer.InvokeVoidAsync("setTimestamps", _timestamps);
    }

    private string StreamUrl => ApiHref("/ws/logs")[1..] + "?" + new LogsRequest(Ids, _query).ToQueryString();

    private List<string> Ids => [.. Containers.Select(c => c.Id)];

    private string Key => string.Join(",", Ids);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_viewer is not null)
            {
                await _viewer.InvokeVoidAsync("dispose");
                await _viewer.DisposeAsync();
            }
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The browser or the circuit is gone; the socket closed with the page.
        }
        GC.SuppressFinalize(this);
    }
}
