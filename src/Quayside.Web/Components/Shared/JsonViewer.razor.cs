using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Quayside.Web.Components.Shared;

public partial class JsonViewer
{
    // Readable text for display and copying: "<" stays "<" (Blazor escapes it on the page), unlike the engine's \u003c.
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HashSet<string> _collapsed = [];
    private HashSet<string> _pathsWithMatches = [];
    private string _search = "";
    private int _matchCount, _current, _matchIndex;
    private bool _copied;
    private readonly string _idPrefix = "jm" + Guid.NewGuid().ToString("N")[..6];

    [Parameter, EditorRequired] public JsonElement Value { get; set; }
    [Parameter] public string TestId { get; set; } = "json-viewer";

    private string Search
    {
        get => _search;
        set
        {
            _search = value ?? "";
            _current = 0;
            FindMatches();
        }
    }

    protected override void OnParametersSet()
    {
        _copied = false;
        FindMatches();
    }

    /// <summary>Counts the matches and notes every object/array that holds one, so search unfolds them.</summary>
    private void FindMatches()
    {
        _pathsWithMatches = [];
        _matchCount = _search.Length == 0 ? 0 : CountIn("$", null, Value);
        if (_current >= _matchCount)
            _current = 0;
    }

    private int CountIn(string path, string? key, JsonElement value)
    {
        var n = key is null ? 0 : Occurrences(Quote(key));
        var below = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject())
                    below += CountIn(path + "." + p.Name, p.Name, p.Value);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    below += CountIn($"{path}[{i++}]", null, item);
                break;
            default:
                n += Occurrences(Scalar(value));
                break;
        }
        if (below > 0)
            _pathsWithMatches.Add(path);
        return n + below;
    }

    private int Occurrences(string text)
    {
        var count = 0;
        for (var at = text.IndexOf(_search, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(_search, at + _search.Length, StringComparison.OrdinalIgnoreCase))
            count++;
        return count;
    }

    private bool IsOpen(string path) => !_collapsed.Contains(path) || _pathsWithMatches.Contains(path);

    private void Toggle(string path)
    {
        if (!_collapsed.Remove(path))
            _collapsed.Add(path);
    }

    private void CollapseAll()
    {
        _collapsed.Clear();
        Collect("$", Value);

        void Collect(string path, JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                if (path != "$")
                    _collapsed.Add(path);
                foreach (var p in value.EnumerateObject())
                    Collect(path + "." + p.Name, p.Value);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                _collapsed.Add(path);
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    Collect($"{path}[{i++}]", item);
            }
        }
    }

    private async Task MoveAsync(int step)
    {
        if (_matchCount == 0)
            return;
        _current = (_current + step + _matchCount) % _matchCount;
        StateHasChanged();
        await Task.Yield();
        await JS.InvokeVoidAsync("quayside.scrollIntoView", MarkId(_current));
    }

    private async Task CopyAsync()
    {
        await JS.InvokeVoidAsync("quayside.copy", JsonSerializer.Serialize(Value, Readable));
        _copied = true;
    }

    private string MarkId(int index) => $"{_idPrefix}-{index}";

    private static string Quote(string text) => JsonSerializer.Serialize(text, Readable);

    private static string Scalar(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Quote(value.GetString()!) : value.GetRawText();

    private static string KindClass(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
