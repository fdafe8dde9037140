using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Model;

namespace Quayside.Web.Api;

/// <summary>Tar downloads from the engine (save, export, a container's files), for every feature alike.</summary>
public static class Downloads
{
    /// <summary>Streams an engine tar to the response as a download; an engine refusal before the first byte becomes a sentence.</summary>
    public static async Task<IResult> DownloadAsync(HostModel model, Func<CancellationToken, Task<Stream>> open, string fileName, CancellationToken ct, string? notFound = null)
    {
        try
        {
            var stream = await open(ct);
            return Results.Stream(stream, "application/x-tar", fileName);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var missing = e is EngineApiException { Status: System.Net.HttpStatusCode.NotFound };
            var problem = missing && notFound is not null ? new EngineProblem(notFound) : EngineErrorTranslator.Translate(e, model.Client.Endpoint);
            var status = missing ? 404 : 400;
            return Results.Problem(statusCode: status, title: problem.Message, detail: problem.Advice);
        }
    }

    public static IResult NoSuchContainer(string id) =>
        Results.Problem(statusCode: 404, title: $"There is no container '{id.Unescaped()}' on this engine. It may have been removed.");

    /// <summary>A download name from an image or container name: no '/', ':' or quotes.</summary>
    public static string SafeFileName(string name) =>
        string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
}
