using System.Text.Json.Nodes;

namespace Quayside.Engine.Actions;

/// <summary>Turns a prune answer ({"XDeleted": [...], "SpaceReclaimed": n}) into a sentence naming what went.</summary>
public static class PruneReport
{
    public static string Describe(JsonNode? body, string listField, string noun)
    {
        var deleted = Names(body, listField);
        var space = body?["SpaceReclaimed"]?.GetValue<long>();
        var what = deleted.Count == 0 ? $"No {noun} was removed"
            : $"Removed {deleted.Count} {noun}{(deleted.Count == 1 ? "" : "s")}: {string.Join(", ", deleted)}";
        return space is { } bytes ? $"{what}; reclaimed {ByteSize.Format(bytes)}." : what + ".";
    }

    public static IReadOnlyList<string> Names(JsonNode? body, string listField) =>
        body?[listField] is JsonArray list ? [.. list.Select(n => n?.GetValue<string>() ?? "").Where(n => n.Length > 0)] : [];
}
