namespace Quayside.Engine.Model;

/// <summary>Builds engine query strings; the engine takes filters as URL-encoded JSON maps.</summary>
public static class EngineQuery
{
    public static string Filters(IReadOnlyDictionary<string, string[]> filters) =>
        "filters=" + Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(filters));

    public static string Filter(string key, params string[] values) =>
        Filters(new Dictionary<string, string[]> { [key] = values });
}
