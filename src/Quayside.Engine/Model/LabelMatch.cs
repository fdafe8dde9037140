namespace Quayside.Engine.Model;

/// <summary>The engine's <c>label=key</c> / <c>label=key=value</c> filter, applied to an object's labels.</summary>
public static class LabelMatch
{
    public static bool Matches(IReadOnlyDictionary<string, string> labels, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
            return true;
        var eq = filter.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(filter.Trim())
            : labels.TryGetValue(filter[..eq], out var value) && value == filter[(eq + 1)..];
    }

    public static Dictionary<string, string[]> Filters(string? label) =>
        string.IsNullOrWhiteSpace(label) ? [] : new() { ["label"] = [label.Trim()] };
}
