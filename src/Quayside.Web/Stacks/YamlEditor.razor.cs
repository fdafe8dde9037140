using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Quayside.Web.Components.Shared;

namespace Quayside.Web.Stacks;

public partial class YamlEditor : ComponentBase, IAsyncDisposable
{
    private readonly string _id = "yaml-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _area, _gutter;
    private IJSObjectReference? _module;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter] public string Value { get; set; } = "";
    [Parameter] public EventCallback<string> ValueChanged { get; set; }

    /// <summary>The visible label, which is also the text box's accessible name.</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";

    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>What is wrong with the text, by line (from 1).</summary>
    [Parameter] public IReadOnlyList<(int Line, string Message)> Problems { get; set; } = [];

    private string DescribedBy => string.Join(' ', new[] { ReadOnly ? null : _id + "-help", Problems.Count > 0 ? _id + "-problems" : null }.OfType<string>());

    /// <summary>A block of the gutter: one line with a problem, or a run of other lines' numbers as one text node (a long file's gutter stays cheap to render).</summary>
    private readonly record struct GutterRun(string Numbers, string? Problem);

    private List<GutterRun> GutterRuns()
    {
        var lines = (Value ?? "").Count(c => c == '\n') + 1;
        var problems = Problems.Where(p => p.Line >= 1 && p.Line <= lines).GroupBy(p => p.Line)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p.Message)));
        var runs = new List<GutterRun>();
        var plain = new List<int>();
        for (var line = 1; line <= lines; line++)
        {
            if (!problems.TryGetValue(line, out var message))
            {
                plain.Add(line);
                continue;
            }
            if (plain.Count > 0)
                runs.Add(new GutterRun(string.Join('\n', plain), null));
            plain.Clear();
            runs.Add(new GutterRun(line.ToString(CultureInfo.InvariantCulture), message));
        }
        if (plain.Count > 0)
            runs.Add(new GutterRun(string.Join('\n', plain), null));
        return runs;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Stacks/YamlEditor.razor.js");
            if (!_disposed)
                await _module.InvokeVoidAsync("attach", _area, _gutter);
        }
        catch (JSDisconnectedException)
        {
            // The page went away while the module loaded.
        }
    }

    private async Task InputAsync(ChangeEventArgs e)
    {
        Value = e.Value as string ?? "";
        await ValueChanged.InvokeAsync(Value);
    }

    private async Task GoToLineAsync(int line)
    {
        if (_module is not null)
            await _module.InvokeVoidAsync("goToLine", _area, _gutter, line);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_module is not null)
                await _module.InvokeVoidAsync("detach", _area);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The browser or the circuit is gone, and the listeners with it.
        }
        await _module.DisposeQuietlyAsync();
        GC.SuppressFinalize(this);
    }
}
