using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Quayside.Engine.Progress;

namespace Quayside.Web.Api;

/// <summary>
/// Streams a build, load or import to the caller as JSON lines while the engine works: {"text"} and {"error"} per engine
/// line, then one {"done":true,"ok",...} line. The engine reports failures inside its 200 stream, so "ok" is the verdict.
/// </summary>
public static class ProgressResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs the job and streams its lines. An upload that went over its limit answers 413 with the sentence when nothing
    /// was sent yet (the engine reads a whole upload before it reports), else a last line that says so.
    /// </summary>
    public static async Task<IResult> WriteAsync(HttpContext http, UploadGuard guard, Func<Func<ProgressLine, Task>, Task<StreamedResult>> run)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var result = await run(async line =>
        {
            if (line.Text.Length == 0 && line.Error is null)
                return;
            await WriteLineAsync(http, new { text = line.Text, error = line.Error });
        });
        if (guard.Problem is { } tooLarge)
        {
            if (!http.Response.HasStarted)
                return guard.TooLarge();
            result = result with { Ok = false, Error = tooLarge };
        }
        await WriteLineAsync(http, new { done = true, ok = result.Ok, imageId = result.ImageId, error = result.Error, cli = result.Cli });
        return Results.Empty;
    }

    private static async Task WriteLineAsync(HttpContext http, object value)
    {
        await http.Response.WriteAsync(JsonSerializer.Serialize(value, Json) + "\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
