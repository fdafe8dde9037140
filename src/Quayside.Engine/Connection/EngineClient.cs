using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quayside.Engine.Connection;

/// <summary>
/// Raw access to the Engine API over HTTP on the engine's transport (unix socket, TCP, TLS or SSH). Every call is asynchronous and
/// throws <see cref="EngineApiException"/> with the engine's own message on an error status.
/// </summary>
public sealed class EngineClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;

    public EngineClient(EngineEndpoint endpoint)
    {
        Endpoint = endpoint;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(endpoint.Transport == EngineTransport.Ssh ? 15 : 5),
            // The engine answers a path it cleans ('..', '//') with a redirect; following it would reach another resource.
            AllowAutoRedirect = false,
        };
        Dialer = EngineDialer.For(endpoint);
        handler.ConnectCallback = async (_, ct) => (await Dialer.DialAsync(ct)).Stream;
        // Timeouts are per call (streams such as /events run for hours).
        _http = new HttpClient(handler) { BaseAddress = endpoint.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
    }

    public EngineEndpoint Endpoint { get; }

    /// <summary>The API version the engine itself offers, once its model has read <c>/version</c>.</summary>
    public ApiVersion? EngineApiVersion { get; set; }

    /// <summary>The API this engine is spoken to at: the host's pinned version, else the engine's own (null until known).</summary>
    public ApiVersion? Speaks => Endpoint.ApiVersion ?? EngineApiVersion;

    /// <summary>
    /// The path as sent: checked against the path grammar and against what the API spoken lacks, and prefixed with the
    /// pinned version (<c>/v1.24/...</c>) when the host has one.
    /// </summary>
    public string Prepare(string path)
    {
        EnginePath.EnsureSafe(path);
        if (Speaks is { } speaks && ApiRequirements.Unmet(path, speaks) is { } unmet)
            throw new EngineApiTooOldException(unmet, speaks, Endpoint.ApiVersion is not null, Endpoint.Address, path);
        return Endpoint.ApiVersion is { } pinned ? $"/v{pinned}{path}" : path;
    }

    /// <summary>Opens raw streams to this engine (hijacked exec and attach connections).</summary>
    public EngineDialer Dialer { get; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General);

    public async Task<T> GetAsync<T>(string path, CancellationToken ct = default, TimeSpan? timeout = null)
    {
        using var cts = Linked(ct, timeout);
        using var response = await SendCheckedAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, cts.Token);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cts.Token))!;
    }

    /// <summary>A container's inspect as the engine's JSON (<c>docker inspect</c>), by id or name.</summary>
    public Task<JsonObject> InspectContainerAsync(string idOrName, CancellationToken ct = default) =>
        GetAsync<JsonObject>(EngineRoutes.ContainerInspect(idOrName), ct);

    /// <summary>An image's inspect as the engine's JSON, by id or reference.</summary>
    public Task<JsonObject> InspectImageAsync(string idOrReference, CancellationToken ct = default) =>
        GetAsync<JsonObject>(EngineRoutes.ImageInspect(idOrReference), ct);

    /// <summary>Sends a request and returns the parsed JSON answer (null when the engine sent no body).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(
        HttpMethod method, string path, object? body = null, CancellationToken ct = default, TimeSpan? timeout = null)
    {
        using var cts = Linked(ct, timeout);
        HttpContent? content = body is null ? null : JsonContent.Create(body, options: Json);
        using var response = await SendCheckedAsync(method, path, content, HttpCompletionOption.ResponseContentRead, cts.Token);
        var text = await response.Content.ReadAsStringAsync(cts.Token);
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>Opens a long-running response (events, logs) and hands back its body stream.</summary>
    public async Task<Stream> OpenStreamAsync(string path, CancellationToken ct)
    {
        var response = await SendCheckedAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, ct);
        return await response.Content.ReadAsStreamAsync(ct);
    }

    /// <summary>Sends a request whose body is not JSON (a tar), or a HEAD; throws on an error status.</summary>
    public async Task SendContentAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct = default, TimeSpan? timeout = null)
    {
        using var cts = Linked(ct, timeout);
        using var response = await SendCheckedAsync(method, path, content, HttpCompletionOption.ResponseContentRead, cts.Token);
    }

    /// <summary>
    /// Sends a request whose body and answer may be large (build contexts, image tars): neither is buffered; the caller
    /// reads and disposes the answer. No timeout of its own: the caller's token ends it.
    /// </summary>
    public Task<HttpResponseMessage> SendStreamingAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct) =>
        SendCheckedAsync(method, path, content, HttpCompletionOption.ResponseHeadersRead, ct);

    /// <summary>Sends a request whose answer is a long stream (pull, push progress), with extra headers such as X-Registry-Auth.</summary>
    public async Task<Stream> OpenStreamAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var response = await SendCheckedAsync(method, path, null, HttpCompletionOption.ResponseHeadersRead, ct, headers);
        return await response.Content.ReadAsStreamAsync(ct);
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(
        HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken ct,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, Prepare(path)) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        var response = await _http.SendAsync(request, completion, ct);
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            response.Dispose();
            throw new EngineApiException(response.StatusCode, $"the engine redirected {path} to {location}, which Quayside does not follow", path);
        }
        if ((int)response.StatusCode < 400)
            return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new EngineApiException(response.StatusCode, ExtractMessage(text), path);
        }
    }

    private static string ExtractMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["message"]?.GetValue<string>() is { } message)
                return message;
        }
        catch (JsonException)
        {
        }
        return body.Trim();
    }

    private static CancellationTokenSource Linked(CancellationToken ct, TimeSpan? timeout)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        return cts;
    }

    public void Dispose()
    {
        _http.Dispose();
        Dialer.Dispose();
    }
}
