using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Quayside.Engine.Progress;

namespace Quayside.Web.Transfer;

/// <summary>
/// Streams a build, load or import to the caller as JSON lines while the engine works: {"text"} and {"error"} per engine
/// line, then one {"done":true,"ok",...} line. The engine reports failures inside its 200 stream, so "ok" is the verdict.
/// </summary>
public static class ProgressResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task WriteAsync(HttpContext http, Func<Func<ProgressLine, Task>, Task<StreamedResult>> run)
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
        await WriteLineAsync(http, new { done = true, ok = result.Ok, imageId = result.ImageId, error = result.Error, cli = result.Cli });
    }

    private static async Task WriteLineAsync(HttpContext http, object value)
    {
        await http.Response.WriteAsync(JsonSerializer.Serialize(value, Json) + "\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    /// <summary>Uploads can be as large as an image: lift Kestrel's 30 MB default for this request only.</summary>
    public static void AllowLargeBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
    }
}
