using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Errors;
using Quayside.Engine.Logs;
using Quayside.Web.Api;

namespace Quayside.Web.Logs;

/// <summary>
/// The viewer's stream. Messages are JSON: <c>{"t":"meta",...}</c> first, then <c>{"t":"lines","l":[[source,stderr,ts,text],...]}</c>
/// batches, then <c>{"t":"end"}</c> or <c>{"t":"error","message":...}</c>. A line cut at <see cref="LogLineSplitter.MaxLineBytes"/>
/// has a fifth item, the count of bytes left out. Lines are batched (see <see cref="SendBatchesAsync"/>), so a burst of
/// thousands of lines a second is a few messages a second, and no message is larger than <see cref="MaxMessageBytes"/>.
/// </summary>
public static class LogsSocket
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(60);
    private const int MaxBatchLines = 5000;
    private const long MaxBatchChars = 1024 * 1024;
    public const int MaxMessageBytes = 1024 * 1024;
    private const int Backlog = 16;
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("This endpoint is a WebSocket: open it from the logs page.");
            return;
        }
        var services = http.RequestServices;
        var logs = http.HostService<ContainerLogs>();
        var engine = http.HostService<EngineClient>();
        var clock = services.GetRequiredService<TimeProvider>();
        var request = LogsRequest.Parse(http.Request.QueryString.Value, clock.GetUtcNow(), out var problems);

        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var ct = cts.Token;
        // A send is cancelled only when the connection is gone: cancelling one in flight aborts the socket, so a browser
        // that closes politely while a large message is still being flushed would lose the close handshake.
        var gone = http.RequestAborted;
        var closed = WatchForCloseAsync(ws, cts);
        try
        {
            if (problems.Count > 0)
            {
                await SendAsync(ws, w => Error(w, string.Join(" ", problems)), gone);
                return;
            }
            var (targets, error) = await request.ResolveAsync(logs, engine.Endpoint, ct);
            if (error is not null)
            {
                await SendAsync(ws, w => Error(w, error), gone);
                return;
            }
            await SendAsync(ws, w => Meta(w, targets, request.Query), gone);

            var channel = Channel.CreateBounded<IReadOnlyList<LogLine>>(new BoundedChannelOptions(256));
            var producer = ProduceAsync(logs, targets, request.Query, clock, channel.Writer, ct);
            await SendBatchesAsync(ws, channel.Reader, sortByTime: targets.Count > 1, ct, gone);
            await producer;
            await SendAsync(ws, w => { w.WriteStartObject(); w.WriteString("t", "end"); w.WriteEndObject(); }, gone);
        }
        catch (Exception e) when (e is EngineApiException or InvalidEngineNameException or HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            await TrySendAsync(ws, w => Error(w, EngineErrorTranslator.Translate(e, engine.Endpoint).ToString()));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException && ct.IsCancellationRequested)
        {
            // The browser left.
        }
        finally
        {
            await CloseAsync(ws);
            // Wait for the browser's close reply: cancelling a pending receive aborts the socket, which can drop the
            // last messages (the end of the log) before they are flushed.
            if (await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(5))) != closed)
                await cts.CancelAsync();
            await closed;
        }
    }

    /// <summary>
    /// One container: its lines as the engine sends them. Several: their history merged by time up to now, then (when
    /// following) the new lines of all of them, which the sender orders by time within each batch.
    /// </summary>
    private static async Task ProduceAsync(ContainerLogs logs, List<LogTarget> targets, LogQuery query, TimeProvider clock,
        ChannelWriter<IReadOnlyList<LogLine>> writer, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            if (targets.Count == 1)
            {
                await foreach (var batch in logs.ReadLinesAsync(targets[0], query, 0, ct))
                    await writer.WriteAsync(batch, ct);
                return;
            }
            var now = clock.GetUtcNow();
            var nowBound = new LogTime("", now, null);
            var historyEnd = query.Until is { } u && u.At < now ? u : nowBound;
            var batchOf = new List<LogLine>(1000);
            long chars = 0;
            await foreach (var line in logs.MergeAsync(targets, query with { Until = historyEnd }, ct))
            {
                batchOf.Add(line);
                chars += line.Text.Length;
                if (batchOf.Count < 1000 && chars < MaxBatchChars / 2)
                    continue;
                await writer.WriteAsync(batchOf, ct);
                batchOf = new List<LogLine>(1000);
                chars = 0;
            }
            if (batchOf.Count > 0)
                await writer.WriteAsync(batchOf, ct);
            if (!query.Follow || historyEnd != nowBound)
                return;
            var live = query with { Tail = null, Since = nowBound };
            await Task.WhenAll(targets.Select(async (t, i) =>
            {
                await foreach (var batch in logs.ReadLinesAsync(t, live, i, ct))
                    await writer.WriteAsync(batch, ct);
            }));
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    /// <summary>
    /// Gathers what arrives within <see cref="Gather"/> of the first waiting line (a tail comes whole in one message), sends
    /// it, then sends nothing more for the rest of <see cref="BatchPause"/>: at most about 16 messages a second in a burst.
    /// </summary>
    private static async Task SendBatchesAsync(WebSocket ws, ChannelReader<IReadOnlyList<LogLine>> reader, bool sortByTime, CancellationToken ct, CancellationToken gone)
    {
        var pending = new List<LogLine>(MaxBatchLines);
        long pendingChars = 0;
        var clock = new System.Diagnostics.Stopwatch();
        Task<bool>? more = null; // at most one wait on the channel at a time
        while (await (more ?? reader.WaitToReadAsync(ct).AsTask()))
        {
            more = null;
            clock.Restart();
            while (true)
            {
                while (pending.Count < MaxBatchLines && pendingChars < MaxBatchChars && reader.TryRead(out var batch))
                {
                    pending.AddRange(batch);
                    foreach (var line in batch)
                        pendingChars += line.Text.Length;
                }
                var left = Gather - clock.Elapsed;
                if (pending.Count >= MaxBatchLines || pendingChars >= MaxBatchChars || left <= TimeSpan.Zero)
                    break;
                more ??= reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(more, Task.Delay(left, ct)) != more)
                    break;
                var open = await more;
                more = null;
                if (!open)
                    break;
            }
            IEnumerable<LogLine> lines = sortByTime ? pending.OrderBy(l => l.Timestamp, StringComparer.Ordinal) : pending;
            await SendLinesAsync(ws, lines, gone);
            var full = pending.Count >= MaxBatchLines || pendingChars >= MaxBatchChars;
            pending.Clear();
            pendingChars = 0;
            // With a backlog the next message is large anyway: no pause, or a slow pace would throttle the engine's reader.
            if (!full && reader.Count < Backlog && BatchPause - clock.Elapsed is { } rest && rest > TimeSpan.Zero)
                await Task.Delay(rest, ct);
        }
        await reader.Completion; // rethrows the producer's error
    }

    private static void Meta(Utf8JsonWriter w, List<LogTarget> targets, LogQuery query)
    {
        w.WriteStartObject();
        w.WriteString("t", "meta");
        w.WriteString("cli", DockerCli.Logs(targets.Select(t => t.Name).ToList(), query));
        w.WriteStartArray("containers");
        foreach (var t in targets)
        {
            w.WriteStartObject();
            w.WriteString("id", t.Id);
            w.WriteString("name", t.Name);
            w.WriteBoolean("tty", t.Tty);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The lines as one <c>lines</c> message, or several when they would not fit in <see cref="MaxMessageBytes"/>: a line is
    /// added only when its largest JSON (every character escaped) still fits, so the cap holds whatever the text.
    /// </summary>
    private static async Task SendLinesAsync(WebSocket ws, IEnumerable<LogLine> lines, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Utf8JsonWriter? w = null;
        try
        {
            foreach (var line in lines)
            {
                if (w is not null && w.BytesCommitted + w.BytesPending + MaxJsonBytes(line) + 2 > MaxMessageBytes)
                {
                    await EndLinesAsync(w);
                    w = null;
                }
                if (w is null)
                {
                    buffer.ResetWrittenCount();
                    w = new Utf8JsonWriter(buffer, JsonOptions);
                    w.WriteStartObject();
                    w.WriteString("t", "lines");
                    w.WriteStartArray("l");
                }
                w.WriteStartArray();
                w.WriteNumberValue(line.Source);
                w.WriteNumberValue(line.Stream == LogStream.Stderr ? 1 : 0);
                w.WriteStringValue(line.Timestamp);
                w.WriteStringValue(line.Text);
                if (line.DroppedBytes > 0)
                    w.WriteNumberValue(line.DroppedBytes);
                w.WriteEndArray();
            }
            if (w is not null)
            {
                await EndLinesAsync(w);
                w = null;
            }
        }
        finally
        {
            w?.Dispose();
        }

        async Task EndLinesAsync(Utf8JsonWriter writer)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            writer.Dispose();
            await ws.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, ct);
        }
    }

    /// <summary>The most one line can take in a message: six bytes a character (<c>\uXXXX</c>) plus the numbers and punctuation.</summary>
    private static long MaxJsonBytes(LogLine line) => 48 + 6L * (line.Text.Length + (line.Timestamp?.Length ?? 0));

    private static void Error(Utf8JsonWriter w, string message)
    {
        w.WriteStartObject();
        w.WriteString("t", "error");
        w.WriteString("message", message);
        w.WriteEndObject();
    }

    private static async Task SendAsync(WebSocket ws, Action<Utf8JsonWriter> write, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
            write(writer);
        await ws.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, ct);
    }

    private static async Task TrySendAsync(WebSocket ws, Action<Utf8JsonWriter> write)
    {
        try
        {
            if (ws.State == WebSocketState.Open)
                await SendAsync(ws, write, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }

    private static async Task CloseAsync(WebSocket ws)
    {
        try
        {
            if (ws.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Reads (and ignores) what the browser sends, to notice when it closes or goes away.</summary>
    private static async Task WatchForCloseAsync(WebSocket ws, CancellationTokenSource cts)
    {
        var buffer = new byte[1024];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var result = await ws.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await cts.CancelAsync();
    }
}
