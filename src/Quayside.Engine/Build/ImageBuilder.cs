using System.Formats.Tar;
using System.Text.Json;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Progress;
using Quayside.Engine.Images;

namespace Quayside.Engine.Build;

/// <summary>
/// <c>docker build</c> on the legacy builder: POST /build with a context tar written as it is sent. A failing step is
/// reported inside the 200 answer's stream; the result says failed with that step's output.
/// </summary>
public sealed class ImageBuilder(EngineClient client)
{
    /// <param name="writeContext">Writes the context's entries; the tar's end is written after it returns.</param>
    public async Task<StreamedResult> BuildAsync(
        BuildOptions options, Func<TarWriter, CancellationToken, Task> writeContext, Func<ProgressLine, Task>? onLine, CancellationToken ct)
    {
        var cli = DockerCli.Build(options);
        if (options.Problems() is { Count: > 0 } problems)
            return StreamedResult.Refused(cli, string.Join(" ", problems));
        var content = new StreamingContent(async (stream, token) =>
        {
            await using (var tar = Tar.TarEntries.Writer(stream))
                await writeContext(tar, token);
        });
        try
        {
            using var response = await client.SendStreamingAsync(HttpMethod.Post, "/build?" + Query(options), content, ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await StreamedResult.ReadAsync(cli, body, onLine, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return StreamedResult.Refused(cli, ContextProblem(e) ?? EngineErrorTranslator.Translate(e, client.Endpoint).ToString());
        }
    }

    /// <summary>A broken upload (not the engine) is the user's to fix: say so in its terms.</summary>
    private static string? ContextProblem(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is InvalidDataException or EndOfStreamException or FormatException)
                return $"The build context could not be read: {x.Message} Upload a tar (optionally gzipped) or a zip.";
        return null;
    }

    public static string Query(BuildOptions o)
    {
        var q = new List<string> { "rm=1", "forcerm=1", "dockerfile=" + Uri.EscapeDataString(o.Dockerfile) };
        q.AddRange(o.Tags.Select(t => "t=" + Uri.EscapeDataString(t)));
        if (o.BuildArgs.Count > 0)
            q.Add("buildargs=" + Uri.EscapeDataString(JsonSerializer.Serialize(o.BuildArgs)));
        if (o.Labels.Count > 0)
            q.Add("labels=" + Uri.EscapeDataString(JsonSerializer.Serialize(o.Labels)));
        if (!string.IsNullOrEmpty(o.Target))
            q.Add("target=" + Uri.EscapeDataString(o.Target));
        if (!string.IsNullOrEmpty(o.Platform))
            q.Add("platform=" + Uri.EscapeDataString(o.Platform));
        if (o.NoCache)
            q.Add("nocache=1");
        if (o.Pull)
            q.Add("pull=1");
        return string.Join('&', q);
    }
}
