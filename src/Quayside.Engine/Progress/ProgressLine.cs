using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quayside.Engine.Progress;

/// <summary>
/// One line of the JSON stream the engine answers builds, loads and imports with. Failures come inside the stream
/// (the HTTP status is 200), as a line with "error"; the built or imported image's id comes as "aux" or "status".
/// </summary>
public sealed record ProgressLine(string Text, string? Error = null, string? ImageId = null)
{
    public bool IsError => Error is not null;

    public static ProgressLine? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return new ProgressLine(json + "\n");
        }
        if (node is not JsonObject o)
            return null;
        if (Str(o, "error") is { } error)
            return new ProgressLine(error.TrimEnd() + "\n", Str(o["errorDetail"], "message") ?? error);
        if (o["aux"] is JsonObject aux && Str(aux, "ID") is { } id)
            return new ProgressLine("", ImageId: id);
        if (Str(o, "stream") is { } stream)
            return new ProgressLine(stream);
        if (Str(o, "status") is { } status)
        {
            var line = Str(o, "id") is { Length: > 0 } layer ? $"{layer}: {status}" : status;
            if (Str(o, "progress") is { Length: > 0 } bar)
                line += " " + bar;
            // Import answers the new image's id as its last status.
            return new ProgressLine(line + "\n", ImageId: status.StartsWith("sha256:", StringComparison.Ordinal) ? status.Trim() : null);
        }
        return null;
    }

    private static string? Str(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
