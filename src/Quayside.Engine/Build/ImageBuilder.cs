using System.Formats.Tar;
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
            using var response = await client.SendStreamingAsync(HttpMethod.Post, EngineRoutes.Build(options), content, ct);
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
}
