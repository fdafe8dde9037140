namespace Quayside.Engine.Pulls;

public enum LayerState { Waiting, Downloading, Verifying, Extracting, Done, AlreadyExists, Pushing }

public enum PullState { Running, Succeeded, Failed, Cancelled }

/// <summary>One layer of a pull or push as the engine last reported it; sizes in bytes (0 when not known yet).</summary>
public sealed record LayerProgress(string Id, LayerState State, long Current, long Total)
{
    /// <summary>0..1: downloading is the first 70%, extracting the rest; pushing is all of it.</summary>
    public double Fraction => State switch
    {
        LayerState.Done or LayerState.AlreadyExists => 1,
        LayerState.Downloading when Total > 0 => 0.7 * Math.Min(1, (double)Current / Total),
        LayerState.Pushing when Total > 0 => Math.Min(1, (double)Current / Total),
        LayerState.Verifying => 0.7,
        LayerState.Extracting => 0.7 + (Total > 0 ? 0.3 * Math.Min(1, (double)Current / Total) : 0),
        _ => 0,
    };

    /// <summary>What a person reads next to the bar, e.g. "downloading 1.2 MB / 3.4 MB".</summary>
    public string Describe() => State switch
    {
        LayerState.Waiting => "waiting",
        LayerState.Downloading => Total > 0 ? $"downloading {Mb(Current)} / {Mb(Total)}" : "downloading",
        LayerState.Pushing => Total > 0 ? $"pushing {Mb(Current)} / {Mb(Total)}" : "pushing",
        LayerState.Verifying => "verifying checksum",
        LayerState.Extracting => Total > 0 ? $"extracting {Mb(Current)} / {Mb(Total)}" : "extracting",
        LayerState.Done => "done",
        LayerState.AlreadyExists => "already exists",
        _ => State.ToString().ToLowerInvariant(),
    };

    private static string Mb(long bytes) => $"{bytes / 1_000_000.0:0.0} MB";
}

/// <summary>A pull or push at one moment: layers in the order the engine first named them, overall fraction, outcome.</summary>
public sealed record PullSnapshot(
    PullState State,
    IReadOnlyList<LayerProgress> Layers,
    string? Status,
    string? Digest,
    string? Error)
{
    public static readonly PullSnapshot Starting = new(PullState.Running, [], "Starting", null, null);

    public double Overall => State == PullState.Succeeded ? 1
        : Layers.Count == 0 ? 0 : Layers.Average(l => l.Fraction);

    public bool Finished => State != PullState.Running;
}
