using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Quayside.Engine.Pulls;

/// <summary>
/// Folds the engine's JSON progress messages of <c>POST /images/create</c> and <c>/images/{name}/push</c> into a
/// <see cref="PullSnapshot"/>. An error inside the stream is kept as the engine's text; the caller translates it.
/// </summary>
public sealed partial class PullProgressTracker
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, LayerProgress> _layers = [];
    private string? _status;
    private string? _digest;
    private string? _error;

    public PullSnapshot Snapshot(PullState state = PullState.Running) =>
        new(state, _order.Select(id => _layers[id]).ToList(), _status, _digest, _error);

    public string? Error => _error;

    /// <summary>Applies one message; returns true when it changed what a person sees.</summary>
    public bool Apply(JsonNode message)
    {
        if (message["error"]?.GetValue<string>() is { } error)
        {
            _error = message["errorDetail"]?["message"]?.GetValue<string>() ?? error;
            return true;
        }
        var status = message["status"]?.GetValue<string>() ?? "";
        var id = message["id"]?.GetValue<string>();
        var detail = message["progressDetail"];
        long current = detail?["current"]?.GetValue<long>() ?? 0, total = detail?["total"]?.GetValue<long>() ?? 0;

        if (DigestLine().Match(status) is { Success: true } d)
            _digest = d.Groups[1].Value;
        if (id is null || !IsLayerId(id))
        {
            // "Pulling from lab/busybox", "Digest: …", "Status: Downloaded newer image for …", "1: digest: … size: 527".
            if (status.Length > 0)
                _status = status;
            return status.Length > 0;
        }
        LayerState? state = status switch
        {
            "Pulling fs layer" or "Waiting" or "Preparing" => LayerState.Waiting,
            "Downloading" => LayerState.Downloading,
            "Pushing" => LayerState.Pushing,
            "Verifying Checksum" or "Download complete" => LayerState.Verifying,
            "Extracting" => LayerState.Extracting,
            "Pull complete" or "Pushed" or "Mounted from" => LayerState.Done,
            "Already exists" or "Layer already exists" => LayerState.AlreadyExists,
            _ when status.StartsWith("Mounted from", StringComparison.Ordinal) => LayerState.Done,
            _ => null,
        };
        if (state is null)
            return false;
        if (!_layers.TryGetValue(id, out var previous))
            _order.Add(id);
        // Keep the size learnt while downloading for the later phases that report none.
        if (total == 0 && previous is not null && state is LayerState.Verifying or LayerState.Done)
            (current, total) = (previous.Total, previous.Total);
        _layers[id] = new LayerProgress(id, state.Value, current, total);
        return true;
    }

    // Layer ids are 12 hex digits; a tag ("1", "latest") as id marks a line about the whole image.
    private static bool IsLayerId(string id) => id.Length == 12 && id.All(Uri.IsHexDigit);

    [GeneratedRegex(@"(?:^Digest: |digest: )(sha256:[0-9a-f]{64})")] private static partial Regex DigestLine();
}
