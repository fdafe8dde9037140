using System.Text;

namespace Quayside.Engine.Progress;

/// <summary>How a streamed engine job (build, load, import) ended: its CLI line, its output and, on failure, the error.</summary>
public sealed record StreamedResult(string Cli, bool Ok, string? ImageId, string? Error, string Output)
{
    private const int MaxOutput = 256 * 1024;

    /// <summary>Reads the engine's JSON lines to the end, handing each to <paramref name="onLine"/> as it arrives.</summary>
    public static async Task<StreamedResult> ReadAsync(string cli, Stream body, Func<ProgressLine, Task>? onLine, CancellationToken ct)
    {
        var output = new StringBuilder();
        string? error = null, imageId = null;
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(ct) is { } json)
        {
            if (ProgressLine.Parse(json) is not { } line)
                continue;
            error ??= line.Error;
            imageId = line.ImageId ?? imageId;
            // Keep the end of a long output: a failure's cause is at the end.
            output.Append(line.Text);
            if (output.Length > MaxOutput)
                output.Remove(0, output.Length - MaxOutput);
            if (onLine is not null)
                await onLine(line);
        }
        return new StreamedResult(cli, error is null, imageId, error, output.ToString());
    }

    public static StreamedResult Refused(string cli, string problem) => new(cli, false, null, problem, "");
}
