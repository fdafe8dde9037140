using System.Text.Json;
using System.Text.Json.Nodes;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Registries;

/// <summary>
/// Reads the body of a registry's or Docker Hub's answer with a size cap and a deadline. Manifests, configs, list pages,
/// tokens and error answers are far under the cap; an answer over it (or one that never ends) is refused in words
/// instead of filling the server's memory. The response must have been read with headers only
/// (<see cref="HttpCompletionOption.ResponseHeadersRead"/>), or HttpClient buffers it all first.
/// </summary>
public static class RegistryBody
{
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <param name="source">Who answered, as the subject of a sentence: "The registry 10.0.0.5:5000".</param>
    /// <param name="what">What the answer is, for the sentence: "the manifest of app:1".</param>
    /// <param name="deadline">How long the whole body may take (the HttpClient's timeout covers the headers only).</param>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, string source, string what, TimeSpan deadline, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > MaxBytes)
            throw TooLarge(source, what);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (deadline != Timeout.InfiniteTimeSpan)
            timeout.CancelAfter(deadline);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    throw TooLarge(source, what);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new RegistryException(EngineErrorTranslator.AnswerTooSlow(source, what, deadline), null, e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new RegistryException(EngineErrorTranslator.AnswerBrokenOff(source, what, e), null, e);
        }
    }

    /// <summary>The body as JSON; null when it is empty.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, string source, string what, TimeSpan deadline, CancellationToken ct)
    {
        var bytes = await ReadAsync(response, source, what, deadline, ct);
        var json = bytes.AsSpan();
        if (json.StartsWith("\uFEFF"u8))
            json = json[3..];
        if (json.Trim(" \t\r\n"u8).IsEmpty)
            return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RegistryException(EngineErrorTranslator.AnswerNotJson(source, what), null, e);
        }
    }

    private static RegistryException TooLarge(string source, string what) =>
        new(EngineErrorTranslator.AnswerTooLarge(source, what, MaxBytes / (1024 * 1024)));
}
